import { describe, expect, it } from 'vitest';
import { columnOf } from './import-columns.ts';
import { type DirectoryPerson, planImport } from './plan-import.ts';

const person = (id: string, overrides: Partial<DirectoryPerson> = {}): DirectoryPerson => ({
  id,
  employeeNumber: id.toUpperCase(),
  email: `${id}@example.com`,
  name: id,
  jobTitle: '',
  department: '',
  managerId: null,
  hireDate: null,
  locale: null,
  isActive: true,
  userId: null,
  ...overrides,
});

let next = 0;
const options = (columns: string[], isDeactivatingMissing = false) => ({
  columns: new Set(columns.map((c) => columnOf(c)!)),
  isDeactivatingMissing,
  actor: { employeeId: null, isHrAdmin: true },
  newId: () => `new-${++next}`,
});

describe('directory import plan', () => {
  it('reads English and Spanish headers in any case, with or without accents', () => {
    expect(columnOf('  NÚMERO DE EMPLEADO ')).toBe('employee_number');
    expect(columnOf('numero de empleado')).toBe('employee_number');
    expect(columnOf("Manager's email")).toBe('manager_email');
    expect(columnOf('Correo del responsable')).toBe('manager_email');
    expect(columnOf('Fecha de alta')).toBe('hire_date');
    expect(columnOf('Shoe size')).toBeNull();
  });

  it('finds a cycle that runs through a person already in the directory', () => {
    // b (directory) reports to a; the file makes a report to b.
    const directory = {
      people: [person('a'), person('b', { managerId: 'a' })],
      accounts: [],
      foreignEmails: new Set<string>(),
    };
    const plan = planImport(
      [{ line: 2, values: { employee_number: 'A', name: 'a', manager_number: 'B' } }],
      directory,
      options(['employee_number', 'name', 'manager_number']),
    );
    expect(plan.problems).toEqual([
      { line: 2, column: 'manager_number', message: 'manager cycle: line 2 → the directory → line 2' },
    ]);
  });

  it('leaves unchanged people alone and deactivates the missing ones when asked, never the importer', () => {
    const directory = {
      people: [person('a'), person('b'), person('me')],
      accounts: [],
      foreignEmails: new Set<string>(),
    };
    const plan = planImport(
      [{ line: 2, values: { employee_number: 'A', name: 'a', email: 'a@example.com' } }],
      directory,
      {
        ...options(['employee_number', 'name', 'email'], true),
        actor: { employeeId: 'me', isHrAdmin: true },
      },
    );
    expect(plan.counts).toMatchObject({ create: 0, unchanged: 0, update: 1, deactivate: 1 });
    // The one change: a, with an email, gets an account.
    expect(plan.rows[0].changes).toEqual(['account']);
    expect(plan.rows[0].account.kind).toBe('create');
    expect(plan.missing.map((m) => m.employeeId)).toEqual(['b']);
  });
});
