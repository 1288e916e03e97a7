// One value of the template, drawn from its shape: text, number, choice, a group of fields or a list with
// add, remove and move up/down. Edits go up through the editor context as (path, update) pairs.
import {
  ActionIcon,
  Button,
  Fieldset,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { createContext, memo, type ReactNode, useContext } from 'react';
import { useTranslation } from 'react-i18next';
import { LineIcon } from '../../../ui/line-icon.tsx';
import {
  fieldId,
  moveItem,
  newItem,
  type Path,
  parsePath,
  type Shape,
  shapeAt,
  templateShape,
} from './template-shape.ts';

export type TemplateEditorContext = {
  isReadOnly: boolean;
  /** Replaces the value at `path` with what `update` makes of it. */
  change: (path: Path, update: (current: unknown) => unknown) => void;
  /** The server's message for this field, if it named it. */
  errorAt: (path: Path) => string | undefined;
  /** The label of the value at `path` (its key, translated). */
  labelFor: (path: Path) => string;
};

export const EditorContext = createContext<TemplateEditorContext | null>(null);

function useEditor(): TemplateEditorContext {
  const editor = useContext(EditorContext);
  if (!editor) throw new Error('Template fields outside the template editor');
  return editor;
}

/** Focuses a field (or the first input of a group) once React has drawn it. */
export function focusField(id: string): void {
  requestAnimationFrame(() => {
    const element = document.getElementById(id);
    if (!element) return;
    const target = element.matches('input, textarea, button')
      ? element
      : element.querySelector<HTMLElement>('input, textarea, button');
    element.scrollIntoView({ block: 'center' });
    (target ?? element).focus({ preventScroll: true });
  });
}

type Kind = 'choice' | 'list' | 'group' | 'number' | 'text';

function kindOf(shape: Shape | undefined, value: unknown): Kind {
  if (shape?.enum) return 'choice';
  const type = shape?.type ?? (Array.isArray(value) ? 'array' : value === null ? 'string' : typeof value);
  if (type === 'array') return 'list';
  if (type === 'object') return 'group';
  if (type === 'number' || type === 'integer') return 'number';
  return 'text';
}

/** Short texts get one line; the rest a box that grows with its text. */
const shortKeys = new Set(['name', 'title', 'subtitle', 'label', 'goalTitle', 'key', 'id', 'currency']);
const isShortText = (path: Path, shape: Shape | undefined) =>
  Boolean(shape?.pattern) || shortKeys.has(String(path.at(-1))) || path[0] === 'headings';

type ValueProps = {
  /** The value's path, dot-separated (`focusAreas.0.title`), so that memoised fields compare it cheaply. */
  at: string;
  value: unknown;
  label: string;
  /** Drawn inside a section that already names it: no frame of its own. */
  isBare?: boolean;
};

export const TemplateValue = memo(function TemplateValue({ at, value, label, isBare }: ValueProps) {
  const path = parsePath(at);
  const shape = shapeAt(templateShape, path);
  switch (kindOf(shape, value)) {
    case 'list':
      return <ListField at={at} value={value} label={label} isBare={isBare} />;
    case 'group':
      return <GroupField at={at} value={value} label={label} isBare={isBare} />;
    case 'choice':
      return <ChoiceField path={path} shape={shape} value={value} label={label} />;
    case 'number':
      return <NumberField path={path} shape={shape} value={value} label={label} />;
    default:
      return <TextField path={path} shape={shape} value={value} label={label} />;
  }
});

type LeafProps = { path: Path; shape: Shape | undefined; value: unknown; label: string };

function TextField({ path, shape, value, label }: LeafProps) {
  const { isReadOnly, change, errorAt } = useEditor();
  const common = {
    id: fieldId(path),
    label,
    value: typeof value === 'string' ? value : String(value ?? ''),
    readOnly: isReadOnly,
    error: errorAt(path),
    'aria-required': (shape?.minLength ?? 0) > 0,
    onChange: (event: { currentTarget: { value: string } }) => {
      const text = event.currentTarget.value;
      change(path, () => text);
    },
  };
  return isShortText(path, shape) ? (
    <TextInput {...common} />
  ) : (
    <Textarea {...common} autosize minRows={1} maxRows={12} />
  );
}

function NumberField({ path, shape, value, label }: LeafProps) {
  const { isReadOnly, change, errorAt } = useEditor();
  const isSafe = (n: number | undefined) => n !== undefined && Math.abs(n) < 1e12;
  return (
    <NumberInput
      id={fieldId(path)}
      label={label}
      value={typeof value === 'number' ? value : ''}
      min={isSafe(shape?.minimum) ? shape?.minimum : undefined}
      max={isSafe(shape?.maximum) ? shape?.maximum : undefined}
      allowDecimal={shape?.type !== 'integer'}
      readOnly={isReadOnly}
      error={errorAt(path)}
      // An emptied number is sent as null, so the server names the field.
      onChange={(next) => change(path, () => (typeof next === 'number' ? next : null))}
    />
  );
}

function ChoiceField({ path, shape, value, label }: LeafProps) {
  const { t } = useTranslation();
  const { isReadOnly, change, errorAt } = useEditor();
  return (
    <Select
      id={fieldId(path)}
      label={label}
      data={(shape?.enum ?? []).map((option) => ({
        value: option,
        label: t(`admin.templates.options.${option}`, { defaultValue: option }),
      }))}
      value={typeof value === 'string' ? value : null}
      allowDeselect={false}
      readOnly={isReadOnly}
      error={errorAt(path)}
      onChange={(next) => next !== null && change(path, () => next)}
    />
  );
}

/** A message the server gave for a whole group or list (its size, a missing part). */
function GroupError({ path }: { path: Path }) {
  const message = useEditor().errorAt(path);
  return message ? (
    <Text c="red.8" size="sm" mb="xs">
      {message}
    </Text>
  ) : null;
}

function GroupField({ at, value, label, isBare }: ValueProps) {
  const { labelFor } = useEditor();
  const path = parsePath(at);
  const object = (value ?? {}) as Record<string, unknown>;
  // In the schema's order (the document's), not the stored one: the database keeps keys in an order of its own.
  const declared = Object.keys(shapeAt(templateShape, path)?.properties ?? {});
  const entries = [
    ...declared.filter((key) => key in object),
    ...Object.keys(object).filter((key) => !declared.includes(key)),
  ].map((key) => [key, object[key]] as const);
  const isAllShort = entries.every(
    ([key, inner]) =>
      typeof inner === 'string' && isShortText([...path, key], shapeAt(templateShape, [...path, key])),
  );
  const fields = entries.map(([key, inner]) => {
    const childAt = at ? `${at}.${key}` : key;
    return <TemplateValue key={key} at={childAt} value={inner} label={labelFor([...path, key])} />;
  });
  const body = isAllShort ? (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="xs">
      {fields}
    </SimpleGrid>
  ) : (
    <Stack gap="sm">{fields}</Stack>
  );
  if (isBare)
    return (
      <div id={fieldId(path)}>
        <GroupError path={path} />
        {body}
      </div>
    );
  return (
    <Fieldset legend={label} id={fieldId(path)} variant="filled">
      <GroupError path={path} />
      {body}
    </Fieldset>
  );
}

function ListField({ at, value, label, isBare }: ValueProps) {
  const { t } = useTranslation();
  const { isReadOnly, change } = useEditor();
  const path = parsePath(at);
  const shape = shapeAt(templateShape, path);
  const items = Array.isArray(value) ? value : [];
  const isFixedLength = shape?.minItems !== undefined && shape.minItems === shape.maxItems;
  const canChange = !isReadOnly && !isFixedLength;
  const canRemove = canChange && items.length > (shape?.minItems ?? 0);
  const canAdd = canChange && (shape?.maxItems === undefined || items.length < shape.maxItems);
  const add = () => {
    change(path, (current) => {
      const list = Array.isArray(current) ? current : [];
      return [...list, newItem(shape?.items, list)];
    });
    focusField(fieldId([...path, items.length]));
  };
  return (
    <Fieldset
      legend={isBare ? <span className="visually-hidden">{label}</span> : label}
      id={fieldId(path)}
      variant={isBare ? 'unstyled' : 'filled'}
    >
      <GroupError path={path} />
      <Stack gap="sm">
        {items.map((item, index) => (
          <ListItem
            // The items have no identity of their own; their place is their key.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above.
            key={index}
            at={at}
            index={index}
            count={items.length}
            value={item}
            label={t('admin.templates.item', { list: label, number: index + 1 })}
            canMove={!isReadOnly}
            canRemove={canRemove}
          />
        ))}
      </Stack>
      {canAdd && (
        <Button
          id={`${fieldId(path)}-add`}
          mt="sm"
          size="xs"
          variant="light"
          onClick={add}
          aria-label={t('admin.templates.addTo', { list: label })}
        >
          {t('admin.templates.add')}
        </Button>
      )}
    </Fieldset>
  );
}

type ItemProps = {
  at: string;
  index: number;
  count: number;
  value: unknown;
  label: string;
  canMove: boolean;
  canRemove: boolean;
};

const ListItem = memo(function ListItem({ at, index, count, value, label, canMove, canRemove }: ItemProps) {
  const { t } = useTranslation();
  const { change } = useEditor();
  const listPath = parsePath(at);
  const itemPath = [...listPath, index];
  const itemId = fieldId(itemPath);
  const isGroup = value !== null && typeof value === 'object' && !Array.isArray(value);
  const move = (to: number) => {
    change(listPath, (list) => moveItem(list as unknown[], index, to));
    // Keep the focus on the item that moved: the same button, unless it is now disabled.
    const buttonAt = (i: number, direction: 'up' | 'down') => `${fieldId([...listPath, i])}-${direction}`;
    if (to < index) focusField(buttonAt(to, to > 0 ? 'up' : 'down'));
    else focusField(buttonAt(to, to < count - 1 ? 'down' : 'up'));
  };
  const remove = () => {
    change(listPath, (list) => (list as unknown[]).filter((_, i) => i !== index));
    focusField(`${fieldId(listPath)}-add`);
  };
  const actions: ReactNode = (canMove || canRemove) && (
    <Group gap={4} wrap="nowrap">
      {canMove && count > 1 && (
        <>
          <ActionIcon
            id={`${itemId}-up`}
            variant="subtle"
            color="gray.8"
            disabled={index === 0}
            onClick={() => move(index - 1)}
            aria-label={t('admin.templates.moveUp', { item: label })}
          >
            <LineIcon name="up" />
          </ActionIcon>
          <ActionIcon
            id={`${itemId}-down`}
            variant="subtle"
            color="gray.8"
            disabled={index === count - 1}
            onClick={() => move(index + 1)}
            aria-label={t('admin.templates.moveDown', { item: label })}
          >
            <LineIcon name="down" />
          </ActionIcon>
        </>
      )}
      {canRemove && (
        <ActionIcon
          variant="subtle"
          color="red.8"
          onClick={remove}
          aria-label={t('admin.templates.remove', { item: label })}
        >
          <LineIcon name="remove" />
        </ActionIcon>
      )}
    </Group>
  );
  const childAt = `${at}.${index}`;
  if (!isGroup)
    return (
      <Group align="flex-end" gap="xs" wrap="nowrap">
        <div style={{ flex: 1, minWidth: 0 }}>
          <TemplateValue at={childAt} value={value} label={label} />
        </div>
        {actions && <div style={{ paddingBottom: 4 }}>{actions}</div>}
      </Group>
    );
  return (
    <div style={{ position: 'relative' }}>
      {actions && <div style={{ position: 'absolute', top: 6, right: 8, zIndex: 1 }}>{actions}</div>}
      <TemplateValue at={childAt} value={value} label={label} />
    </div>
  );
});

/** The words for a path in the error summary: "Focus areas, item 1 › Title". */
export function describePath(
  path: Path,
  labelFor: (path: Path) => string,
  itemLabel: (list: string, n: number) => string,
) {
  const parts: string[] = [];
  path.forEach((segment, i) => {
    if (typeof segment === 'number') {
      const list = parts.pop() ?? '';
      parts.push(itemLabel(list, segment + 1));
    } else parts.push(labelFor(path.slice(0, i + 1)));
  });
  return parts.join(' › ');
}
