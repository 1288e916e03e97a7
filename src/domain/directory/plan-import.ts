// Plans a directory import: from the file's rows and the directory as it is, who is created, updated, deactivated
// or left alone, and every problem with its line and column. Pure: the service reads and writes.
import type { Role } from '../access/actor.ts';
import { isValidDate } from '../plan/dates.ts';
import type { ImportColumn } from './import-columns.ts';

export type FileRow = { line: number; values: Partial<Record<ImportColumn, string>> };

export type DirectoryPerson = {
  id: string;
  employeeNumber: string | null;
  email: string;
  name: string;
  jobTitle: string;
  department: string;
  managerId: string | null;
  hireDate: string | null;
  locale: 'en' | 'es' | null;
  isActive: boolean;
  userId: string | null;
};

export type DirectoryAccount = {
  id: string;
  email: string;
  employeeId: string | null;
  roles: Role[];
  isDisabled: boolean;
};

export type Directory = {
  people: DirectoryPerson[];
  accounts: DirectoryAccount[];
  /** Emails (lower case) of the file that accounts of other organisations already sign in with. */
  foreignEmails: ReadonlySet<string>;
};

export type ImportProblem = { line: number; column: ImportColumn | null; message: string };

export type PersonValues = Omit<DirectoryPerson, 'id' | 'userId'>;

export type AccountPlan = {
  /** create: a new account without a password; link: an account with this email exists; keep: already linked. */
  kind: 'create' | 'link' | 'keep' | 'none';
  userId: string | null;
  /** The roles the account ends with, when they change. */
  roles: Role[] | null;
  isEnabling: boolean;
};

export type PlannedRow = {
  line: number;
  action: 'create' | 'update' | 'deactivate' | 'unchanged';
  employeeId: string;
  values: PersonValues;
  changes: string[];
  account: AccountPlan;
};

export type MissingPerson = { employeeId: string; name: string; employeeNumber: string | null };

export type ImportPlan = {
  rows: PlannedRow[];
  /** People of the directory absent from the file, deactivated when asked to. */
  missing: MissingPerson[];
  problems: ImportProblem[];
  /** Columns Mejora does not know: ignored. */
  ignoredColumns: string[];
  counts: { create: number; update: number; deactivate: number; unchanged: number; problems: number };
};

export type ImportOptions = {
  columns: ReadonlySet<ImportColumn>;
  isDeactivatingMissing: boolean;
  actor: { employeeId: string | null; isHrAdmin: boolean };
  newId: () => string;
};

const emailPattern = /^[^\s@"<>(),;:]+@[^\s@"<>(),;:]+\.[^\s@"<>(),;:]+$/;
const hasControl = (text: string) =>
  [...text].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);

const trueWords = new Set([
  '',
  'true',
  'yes',
  'y',
  '1',
  'si',
  'sí',
  's',
  'verdadero',
  'active',
  'activo',
  'activa',
]);
const falseWords = new Set(['false', 'no', 'n', '0', 'falso', 'inactive', 'inactivo', 'inactiva']);

const roleWords = new Map<string, Role>([
  ['hr_admin', 'hr_admin'],
  ['hr admin', 'hr_admin'],
  ['hr administrator', 'hr_admin'],
  ['administrador de rr. hh.', 'hr_admin'],
  ['administrador de rrhh', 'hr_admin'],
  ['hr', 'hr'],
  ['hr representative', 'hr'],
  ['representante de rr. hh.', 'hr'],
  ['representante de rrhh', 'hr'],
  ['manager', 'manager'],
  ['responsable', 'manager'],
  ['employee', 'employee'],
  ['empleado', 'employee'],
  ['empleada', 'employee'],
  ['mentor', 'mentor'],
  ['mentora', 'mentor'],
  ['auditor', 'auditor'],
  ['auditora', 'auditor'],
]);
/** Roles only an HR administrator may hand out. */
const adminRoles: ReadonlySet<Role> = new Set(['hr_admin', 'hr', 'auditor']);

type ParsedRow = {
  line: number;
  number: string | null;
  email: string | null;
  name: string;
  jobTitle: string | undefined;
  department: string | undefined;
  manager: { column: ImportColumn; kind: 'email' | 'number'; value: string } | null | undefined;
  hireDate: string | null | undefined;
  locale: 'en' | 'es' | null | undefined;
  isActive: boolean;
  roles: Role[] | null;
};

/** Checks one row on its own; the problems found, and the row when it has none. */
export function parseRow(row: FileRow, columns: ReadonlySet<ImportColumn>, problems: ImportProblem[]) {
  const { line, values } = row;
  const before = problems.length;
  const problem = (column: ImportColumn, message: string) => problems.push({ line, column, message });
  const text = (column: ImportColumn, isRequired = false): string | undefined => {
    if (!columns.has(column)) return undefined;
    const value = (values[column] ?? '').trim();
    if (isRequired && !value) problem(column, 'must not be empty');
    else if (value.length > 200) problem(column, 'at most 200 characters');
    else if (hasControl(value)) problem(column, 'must be one line without control characters');
    return value;
  };
  const number = text('employee_number') || null;
  let email = text('email') || null;
  if (email && (!emailPattern.test(email) || email.length > 254)) {
    problem('email', 'is not an email address');
    email = null;
  }
  if (!number && !email && !problems.slice(before).some((p) => p.column === 'email'))
    problem(
      columns.has('employee_number') ? 'employee_number' : 'email',
      'each person needs an employee number or an email',
    );
  const name = text('name', true) ?? '';
  let manager: ParsedRow['manager'];
  for (const column of ['manager_number', 'manager_email', 'manager'] as const) {
    if (!columns.has(column)) continue;
    const value = text(column) ?? '';
    if (manager === undefined) manager = null;
    if (!value || manager) continue;
    const kind =
      column === 'manager_email' || (column === 'manager' && value.includes('@')) ? 'email' : 'number';
    if (kind === 'email' && !emailPattern.test(value)) problem(column, 'is not an email address');
    else manager = { column, kind, value };
  }
  let hireDate = text('hire_date');
  if (hireDate && !isValidDate(hireDate)) {
    problem('hire_date', 'must be a date as YYYY-MM-DD (e.g. 2024-03-01)');
    hireDate = undefined;
  }
  let locale: ParsedRow['locale'];
  const localeText = text('locale');
  if (localeText !== undefined) {
    const match = /^(en|es)([-_][a-z]{2,4})?$/i.exec(localeText);
    if (localeText && !match) problem('locale', 'must be en or es (or a regional form such as es-MX)');
    locale = match ? (match[1].toLowerCase() as 'en' | 'es') : null;
  }
  const activeText = (text('active') ?? '').toLowerCase();
  if (!trueWords.has(activeText) && !falseWords.has(activeText))
    problem('active', 'must be yes or no (true/false, sí/no, 1/0)');
  let roles: Role[] | null = null;
  const rolesText = text('roles');
  if (rolesText !== undefined) {
    roles = [];
    for (const word of rolesText
      .split(/[;,|]+/)
      .map((w) => w.trim().toLowerCase())
      .filter(Boolean)) {
      const role = roleWords.get(word) ?? roleWords.get(word.replace(/\s+/g, '_'));
      if (!role)
        problem('roles', `"${word}" is not a role; use hr_admin, hr, manager, employee, mentor or auditor`);
      else if (!roles.includes(role)) roles.push(role);
    }
    if (roles.length === 0) roles = ['employee'];
  }
  if (problems.length > before) return null;
  return {
    line,
    number,
    email,
    name,
    jobTitle: text('job_title'),
    department: text('department'),
    manager,
    hireDate: hireDate === undefined ? (columns.has('hire_date') ? null : undefined) : hireDate || null,
    locale,
    isActive: !falseWords.has(activeText),
    roles,
  } satisfies ParsedRow;
}

const lower = (s: string) => s.toLowerCase();

export function planImport(fileRows: FileRow[], directory: Directory, options: ImportOptions): ImportPlan {
  const { columns } = options;
  const problems: ImportProblem[] = [];
  const parsed = fileRows.map((row) => parseRow(row, columns, problems));

  const byNumber = new Map<string, DirectoryPerson>();
  const byEmail = new Map<string, DirectoryPerson>();
  for (const person of directory.people) {
    if (person.employeeNumber) byNumber.set(person.employeeNumber, person);
    if (person.email && !byEmail.has(lower(person.email))) byEmail.set(lower(person.email), person);
  }

  // Duplicates within the file, then the match of each row to a person of the directory.
  const linesByNumber = new Map<string, number>();
  const linesByEmail = new Map<string, number>();
  const matchedBy = new Map<string, number>();
  type Matched = { row: ParsedRow; person: DirectoryPerson | undefined; id: string };
  const matched: Matched[] = [];
  for (const row of parsed) {
    if (!row) continue;
    const line = row.line;
    let isBad = false;
    if (row.number) {
      const other = linesByNumber.get(row.number);
      if (other !== undefined) {
        problems.push({
          line,
          column: 'employee_number',
          message: `the same employee number is on line ${other}`,
        });
        isBad = true;
      } else linesByNumber.set(row.number, line);
    }
    if (row.email) {
      const other = linesByEmail.get(lower(row.email));
      if (other !== undefined) {
        problems.push({ line, column: 'email', message: `the same email is on line ${other}` });
        isBad = true;
      } else linesByEmail.set(lower(row.email), line);
    }
    let person = row.number ? byNumber.get(row.number) : undefined;
    if (!person && row.email) {
      const candidate = byEmail.get(lower(row.email));
      if (candidate?.employeeNumber && row.number && candidate.employeeNumber !== row.number) {
        problems.push({
          line,
          column: 'email',
          message: `belongs to employee number ${candidate.employeeNumber} in the directory`,
        });
        isBad = true;
      } else person = candidate;
    }
    if (person) {
      const other = matchedBy.get(person.id);
      if (other !== undefined) {
        problems.push({
          line,
          column: row.number ? 'employee_number' : 'email',
          message: `is the same person as line ${other}`,
        });
        isBad = true;
      } else matchedBy.set(person.id, line);
    }
    if (!isBad) matched.push({ row, person, id: person?.id ?? options.newId() });
  }

  // The directory after the import: who is active, their numbers and emails, and whom they report to.
  const inFile = new Set(matched.flatMap((m) => (m.person ? [m.person.id] : [])));
  const unmatched = directory.people.filter((p) => !inFile.has(p.id));
  const missing: MissingPerson[] = options.isDeactivatingMissing
    ? unmatched
        .filter((p) => p.isActive && p.id !== options.actor.employeeId)
        .map((p) => ({ employeeId: p.id, name: p.name, employeeNumber: p.employeeNumber }))
    : [];
  const leaving = new Set(missing.map((m) => m.employeeId));
  const isActiveAfter = new Map<string, boolean>();
  for (const p of unmatched) isActiveAfter.set(p.id, p.isActive && !leaving.has(p.id));
  for (const m of matched) isActiveAfter.set(m.id, m.row.isActive);

  const finalNumbers = new Map<string, string>();
  const finalEmails = new Map<string, string>();
  for (const p of unmatched) {
    if (p.employeeNumber) finalNumbers.set(p.employeeNumber, p.id);
    if (p.email) finalEmails.set(lower(p.email), p.id);
  }
  const valid: Matched[] = [];
  for (const m of matched) {
    const number = m.row.number ?? m.person?.employeeNumber ?? null;
    const email = m.row.email ?? m.person?.email ?? '';
    let isBad = false;
    const numberOwner = number ? finalNumbers.get(number) : undefined;
    if (number && numberOwner && numberOwner !== m.id) {
      problems.push({
        line: m.row.line,
        column: 'employee_number',
        message: 'belongs to another person in the directory',
      });
      isBad = true;
    }
    const emailOwner = email ? finalEmails.get(lower(email)) : undefined;
    if (email && emailOwner && emailOwner !== m.id) {
      problems.push({
        line: m.row.line,
        column: 'email',
        message: 'belongs to another person in the directory',
      });
      isBad = true;
    }
    if (!isBad) valid.push(m);
  }

  // Managers, in any row order: the file first, then the directory.
  const fileByNumber = new Map<string, string>();
  const fileByEmail = new Map<string, string>();
  for (const m of matched) {
    const number = m.row.number ?? m.person?.employeeNumber;
    if (number) fileByNumber.set(number, m.id);
    const email = m.row.email ?? m.person?.email;
    if (email) fileByEmail.set(lower(email), m.id);
  }
  const managerAfter = new Map<string, string | null>();
  for (const p of unmatched) managerAfter.set(p.id, p.managerId);
  const resolvedManager = new Map<string, string | null>();
  for (const m of valid) {
    const ref = m.row.manager;
    if (ref === undefined) {
      managerAfter.set(m.id, m.person?.managerId ?? null);
      continue;
    }
    if (ref === null) {
      resolvedManager.set(m.id, null);
      managerAfter.set(m.id, null);
      continue;
    }
    const managerId =
      ref.kind === 'number'
        ? (fileByNumber.get(ref.value) ?? byNumber.get(ref.value)?.id)
        : (fileByEmail.get(lower(ref.value)) ?? byEmail.get(lower(ref.value))?.id);
    const what = ref.kind === 'number' ? 'employee number' : 'email';
    if (!managerId)
      problems.push({
        line: m.row.line,
        column: ref.column,
        message: `no one in the file or the directory has this ${what}`,
      });
    else if (managerId === m.id)
      problems.push({
        line: m.row.line,
        column: ref.column,
        message: 'a person cannot be their own manager',
      });
    else if (isActiveAfter.get(managerId) === false && m.row.isActive)
      problems.push({ line: m.row.line, column: ref.column, message: 'this manager is deactivated' });
    else {
      resolvedManager.set(m.id, managerId);
      managerAfter.set(m.id, managerId);
    }
  }

  // Cycles: following managers from a row must never lead back to it.
  const lineOf = new Map(valid.map((m) => [m.id, m.row.line]));
  for (const m of valid) {
    if (!resolvedManager.get(m.id)) continue;
    const path = [m.id];
    const seen = new Set(path);
    let current = managerAfter.get(m.id) ?? null;
    while (current && !seen.has(current)) {
      seen.add(current);
      path.push(current);
      current = managerAfter.get(current) ?? null;
    }
    if (current === m.id) {
      const ref = m.row.manager!;
      const chain = [...path, m.id]
        .map((id) => (lineOf.has(id) ? `line ${lineOf.get(id)}` : 'the directory'))
        .join(' → ');
      problems.push({ line: m.row.line, column: ref.column, message: `manager cycle: ${chain}` });
    }
  }

  // Who manages someone after the import gets the manager role.
  const managers = new Set<string>();
  for (const [id, managerId] of managerAfter)
    if (managerId && isActiveAfter.get(id) !== false) managers.add(managerId);

  const accountsById = new Map(directory.accounts.map((a) => [a.id, a]));
  const accountsByEmail = new Map(directory.accounts.map((a) => [lower(a.email), a]));
  const rows: PlannedRow[] = [];
  for (const m of valid) {
    const { row, person } = m;
    const line = row.line;
    const values: PersonValues = {
      employeeNumber: row.number ?? person?.employeeNumber ?? null,
      email: row.email ?? person?.email ?? '',
      name: row.name,
      jobTitle: row.jobTitle ?? person?.jobTitle ?? '',
      department: row.department ?? person?.department ?? '',
      managerId: managerAfter.get(m.id) ?? null,
      hireDate: row.hireDate === undefined ? (person?.hireDate ?? null) : row.hireDate,
      locale: row.locale === undefined ? (person?.locale ?? null) : row.locale,
      isActive: row.isActive,
    };
    if (!row.isActive && m.id === options.actor.employeeId)
      problems.push({ line, column: 'active', message: 'you cannot deactivate yourself' });
    const changes: string[] = person
      ? (Object.keys(values) as (keyof PersonValues)[]).filter((k) => values[k] !== person[k])
      : [];
    const account: AccountPlan = {
      kind: 'none',
      userId: person?.userId ?? null,
      roles: null,
      isEnabling: false,
    };
    if (row.isActive && values.email) {
      let existing = person?.userId ? accountsById.get(person.userId) : undefined;
      if (existing) account.kind = 'keep';
      else {
        existing = accountsByEmail.get(lower(values.email));
        if (existing?.employeeId && existing.employeeId !== m.id) {
          problems.push({ line, column: 'email', message: "is the sign-in of another person's account" });
          continue;
        }
        if (!existing && directory.foreignEmails.has(lower(values.email))) {
          problems.push({ line, column: 'email', message: 'is used by an account of another organisation' });
          continue;
        }
        account.kind = existing ? 'link' : 'create';
      }
      account.userId = existing?.id ?? options.newId();
      account.isEnabling = Boolean(existing?.isDisabled);
      const current = existing?.roles ?? [];
      const wanted = new Set<Role>(row.roles ?? (existing ? current : ['employee']));
      if (managers.has(m.id)) wanted.add('manager');
      const granted = [...wanted].filter((r) => adminRoles.has(r) && !current.includes(r));
      if (granted.length && !options.actor.isHrAdmin) {
        problems.push({
          line,
          column: 'roles',
          message: `only an HR administrator may grant ${granted.join(', ')}`,
        });
        continue;
      }
      if (m.id === options.actor.employeeId && current.includes('hr_admin') && !wanted.has('hr_admin')) {
        problems.push({ line, column: 'roles', message: 'you cannot remove your own HR administrator role' });
        continue;
      }
      const sorted = [...wanted].sort();
      if (!existing || sorted.join() !== [...current].sort().join()) {
        account.roles = sorted;
        if (existing) changes.push('roles');
      }
      // An existing person gets their account: linked when one with their email exists, else a new one.
      if (person && (account.kind === 'link' || account.kind === 'create')) changes.push('account');
      if (account.isEnabling) changes.push('account');
    }
    const action: PlannedRow['action'] = !person
      ? 'create'
      : person.isActive && !row.isActive
        ? 'deactivate'
        : changes.length
          ? 'update'
          : 'unchanged';
    rows.push({ line, action, employeeId: m.id, values, changes: [...new Set(changes)], account });
  }

  problems.sort((a, b) => a.line - b.line);
  const count = (action: PlannedRow['action']) => rows.filter((r) => r.action === action).length;
  return {
    rows,
    missing,
    problems,
    ignoredColumns: [],
    counts: {
      create: count('create'),
      update: count('update'),
      deactivate: count('deactivate') + missing.length,
      unchanged: count('unchanged'),
      problems: problems.length,
    },
  };
}
