// Turns a parsed SCIM filter on Users into a SQL condition on the employee directory. Only attributes Mejora keeps
// can be filtered on; any other is a 400 invalidFilter.
import { type AnyColumn, type SQL, sql } from 'drizzle-orm';
import { employees } from '../../db/schema/index.ts';
import type { AttributePath, CompareOperator, Filter, Literal } from '../../domain/scim/filter.ts';
import { coreUserUrn, enterpriseUserUrn } from '../../domain/scim/schemas.ts';
import { scimBadRequest } from '../../domain/scim/scim-error.ts';

type Target =
  | { type: 'text'; column: SQL; isCaseExact: boolean }
  | { type: 'boolean'; isTrue: SQL }
  | { type: 'dateTime'; column: AnyColumn };

const ci = (column: AnyColumn): Target => ({
  type: 'text',
  column: sql`lower(${column})`,
  isCaseExact: false,
});
const exact = (column: AnyColumn | SQL): Target => ({
  type: 'text',
  column: sql`${column}`,
  isCaseExact: true,
});

const coreKey = coreUserUrn.toLowerCase();
const enterpriseKey = enterpriseUserUrn.toLowerCase();

const email = ci(employees.email);

/** The column behind a filter attribute: `userName`, `emails.value`, `name.formatted`, `urn:...:employeeNumber`... */
function targetOf(path: AttributePath): Target {
  const name = path.subAttribute ? `${path.attribute}.${path.subAttribute}` : path.attribute;
  if (path.schema === null || path.schema === coreKey) {
    switch (name) {
      case 'id':
        return exact(sql`${employees.id}::text`);
      case 'username':
      case 'emails':
      case 'emails.value':
        return email;
      case 'externalid':
        return exact(employees.externalId);
      case 'displayname':
      case 'name.formatted':
        return ci(employees.name);
      case 'title':
        return ci(employees.jobTitle);
      case 'active':
        return { type: 'boolean', isTrue: sql`${employees.deactivatedAt} is null` };
      case 'meta.created':
        return { type: 'dateTime', column: employees.createdAt };
      case 'meta.lastmodified':
        return { type: 'dateTime', column: employees.updatedAt };
    }
  }
  if (path.schema === null || path.schema === enterpriseKey) {
    switch (name) {
      case 'employeenumber':
        return exact(employees.employeeNumber);
      case 'department':
        return ci(employees.department);
      case 'manager':
      case 'manager.value':
        return exact(sql`${employees.managerId}::text`);
    }
  }
  throw scimBadRequest(
    'invalidFilter',
    `Users cannot be filtered by ${path.schema ? `${path.schema}:` : ''}${name}`,
  );
}

const likeEscaped = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

function compareText(
  target: Extract<Target, { type: 'text' }>,
  operator: CompareOperator,
  value: Literal,
): SQL {
  if (value === null) {
    if (operator === 'eq') return sql`(${target.column} is null or ${target.column} = '')`;
    if (operator === 'ne') return sql`(${target.column} is not null and ${target.column} <> '')`;
    throw scimBadRequest('invalidFilter', `${operator} does not compare with null`);
  }
  if (typeof value !== 'string')
    throw scimBadRequest('invalidFilter', 'this attribute compares with a quoted string');
  const wanted = target.isCaseExact ? value : value.toLowerCase();
  switch (operator) {
    case 'eq':
      return sql`${target.column} = ${wanted}`;
    case 'ne':
      return sql`${target.column} is distinct from ${wanted}`;
    case 'co':
      return sql`${target.column} like ${`%${likeEscaped(wanted)}%`}`;
    case 'sw':
      return sql`${target.column} like ${`${likeEscaped(wanted)}%`}`;
    case 'ew':
      return sql`${target.column} like ${`%${likeEscaped(wanted)}`}`;
    case 'gt':
      return sql`${target.column} > ${wanted}`;
    case 'ge':
      return sql`${target.column} >= ${wanted}`;
    case 'lt':
      return sql`${target.column} < ${wanted}`;
    case 'le':
      return sql`${target.column} <= ${wanted}`;
  }
}

const sqlOperators: Partial<Record<CompareOperator, string>> = {
  eq: '=',
  ne: '<>',
  gt: '>',
  ge: '>=',
  lt: '<',
  le: '<=',
};

function comparison(path: AttributePath, operator: CompareOperator, value: Literal): SQL {
  const target = targetOf(path);
  if (target.type === 'text') return compareText(target, operator, value);
  if (target.type === 'boolean') {
    const wanted =
      typeof value === 'string' && /^(true|false)$/i.test(value) ? value.toLowerCase() === 'true' : value;
    if (typeof wanted !== 'boolean' || (operator !== 'eq' && operator !== 'ne'))
      throw scimBadRequest('invalidFilter', 'active compares with eq or ne and true or false');
    return wanted === (operator === 'eq') ? target.isTrue : sql`not (${target.isTrue})`;
  }
  const symbol = sqlOperators[operator];
  const at = typeof value === 'string' ? new Date(value) : null;
  if (!symbol || !at || Number.isNaN(at.getTime()))
    throw scimBadRequest(
      'invalidFilter',
      'dates compare with eq, ne, gt, ge, lt or le and an ISO 8601 date-time',
    );
  return sql`${target.column} ${sql.raw(symbol)} ${at.toISOString()}::timestamptz`;
}

/** The condition inside `emails[...]`: the one email Mejora keeps is of type work and primary. */
function emailCondition(filter: Filter): SQL {
  switch (filter.kind) {
    case 'and':
      return sql`(${emailCondition(filter.left)} and ${emailCondition(filter.right)})`;
    case 'or':
      return sql`(${emailCondition(filter.left)} or ${emailCondition(filter.right)})`;
    case 'not':
      return sql`not (${emailCondition(filter.filter)})`;
    case 'valuePath':
      throw scimBadRequest('invalidFilter', 'value filters do not nest');
    case 'present':
      return filter.path.attribute === 'value' ||
        filter.path.attribute === 'type' ||
        filter.path.attribute === 'primary'
        ? sql`true`
        : sql`false`;
    case 'compare': {
      const { attribute } = filter.path;
      if (attribute === 'value')
        return compareText(email as Extract<Target, { type: 'text' }>, filter.operator, filter.value);
      if (attribute === 'type') {
        const isWork = typeof filter.value === 'string' && filter.value.toLowerCase() === 'work';
        if (filter.operator === 'eq') return isWork ? sql`true` : sql`false`;
        if (filter.operator === 'ne') return isWork ? sql`false` : sql`true`;
        return sql`false`;
      }
      if (attribute === 'primary' && (filter.operator === 'eq' || filter.operator === 'ne'))
        return (filter.value === true) === (filter.operator === 'eq') ? sql`true` : sql`false`;
      throw scimBadRequest('invalidFilter', `emails cannot be filtered by ${attribute}`);
    }
  }
}

export function userFilterSql(filter: Filter): SQL {
  switch (filter.kind) {
    case 'and':
      return sql`(${userFilterSql(filter.left)} and ${userFilterSql(filter.right)})`;
    case 'or':
      return sql`(${userFilterSql(filter.left)} or ${userFilterSql(filter.right)})`;
    case 'not':
      return sql`not (${userFilterSql(filter.filter)})`;
    case 'present': {
      const target = targetOf(filter.path);
      if (target.type === 'text') return sql`(${target.column} is not null and ${target.column} <> '')`;
      return sql`true`;
    }
    case 'compare':
      return comparison(filter.path, filter.operator, filter.value);
    case 'valuePath': {
      if (
        filter.path.attribute !== 'emails' ||
        (filter.path.schema !== null && filter.path.schema !== coreKey)
      )
        throw scimBadRequest(
          'invalidFilter',
          `Users cannot be filtered by values of ${filter.path.attribute}`,
        );
      return emailCondition(filter.filter);
    }
  }
}
