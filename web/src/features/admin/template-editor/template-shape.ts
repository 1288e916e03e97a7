// The template's shape for the editor: the JSON Schema of planTemplateSchema, and immutable edits by path.
import { z } from 'zod';
import { planTemplateSchema } from '../../../../../src/domain/template/template.ts';

/** The part of a JSON Schema the editor reads. */
export type Shape = {
  type?: string;
  properties?: Record<string, Shape>;
  items?: Shape;
  enum?: string[];
  pattern?: string;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  minimum?: number;
  maximum?: number;
};

/** Path segments of a value inside the template: object keys and array indexes. */
export type Path = readonly (string | number)[];

export const templateShape = z.toJSONSchema(planTemplateSchema) as Shape;

export function shapeAt(root: Shape | undefined, path: Path): Shape | undefined {
  let shape = root;
  for (const segment of path) {
    if (!shape) return undefined;
    shape = typeof segment === 'number' ? shape.items : shape.properties?.[segment];
  }
  return shape;
}

/** `focusAreas.0.title`: the path as the API client names fields (see fieldPath). */
export const pathKey = (path: Path): string => path.join('.');

export const parsePath = (key: string): Path =>
  key === '' ? [] : key.split('.').map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));

/** The DOM id of a field, so the error summary can take the person to it. */
export const fieldId = (path: Path): string => `template-${path.join('-') || 'root'}`;

export function setAt<T>(root: T, path: Path, value: unknown): T {
  if (path.length === 0) return value as T;
  const [head, ...rest] = path;
  if (Array.isArray(root)) {
    const copy = [...root];
    copy[head as number] = setAt(copy[head as number], rest, value);
    return copy as T;
  }
  const object = (root ?? {}) as Record<string, unknown>;
  return { ...object, [head]: setAt(object[head as string], rest, value) } as T;
}

export function getAt(root: unknown, path: Path): unknown {
  let value = root;
  for (const segment of path) value = (value as Record<string | number, unknown> | undefined)?.[segment];
  return value;
}

/** A new, empty value of a shape: what "add" puts at the end of a list. */
export function blankOf(shape: Shape | undefined): unknown {
  if (!shape) return '';
  if (shape.enum) return shape.enum[0];
  switch (shape.type) {
    case 'object':
      return Object.fromEntries(
        Object.entries(shape.properties ?? {}).map(([key, inner]) => [key, blankOf(inner)]),
      );
    case 'array':
      return Array.from({ length: shape.minItems ?? 0 }, () => blankOf(shape.items));
    case 'number':
    case 'integer':
      return Math.max(0, shape.minimum ?? 0);
    default:
      return '';
  }
}

/** Keys that name an item for the code (focus area, phase, clause); a new item gets a unique one. */
const identifierKeys = ['key', 'id'];

export function newItem(shape: Shape | undefined, siblings: unknown[]): unknown {
  const item = blankOf(shape);
  if (!item || typeof item !== 'object' || Array.isArray(item)) return item;
  const record = item as Record<string, unknown>;
  for (const key of identifierKeys) {
    if (record[key] !== '') continue;
    const taken = new Set(siblings.map((s) => (s as Record<string, unknown> | null)?.[key]));
    let n = siblings.length + 1;
    while (taken.has(`new_${n}`)) n++;
    record[key] = `new_${n}`;
  }
  return record;
}

export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  const copy = [...list];
  const [item] = copy.splice(from, 1);
  copy.splice(to, 0, item);
  return copy;
}
