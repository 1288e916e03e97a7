// The columns of a directory import file: which headers name them (English and Spanish), and the template.
export const importColumns = [
  'employee_number',
  'email',
  'name',
  'job_title',
  'department',
  'manager_email',
  'manager_number',
  'manager',
  'hire_date',
  'locale',
  'active',
  'roles',
] as const;
export type ImportColumn = (typeof importColumns)[number];

/** Headers are compared lower-cased, without accents, with spaces, dashes, dots and underscores ignored. */
export const headerKey = (header: string): string =>
  header
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\s_\-.'’º°]+/g, '');

const headerNames: Record<ImportColumn, string[]> = {
  employee_number: [
    'employee number',
    'employee no',
    'employee id',
    'employeeNumber',
    'number',
    'número de empleado',
    'nº de empleado',
    'número',
  ],
  email: ['email', 'e-mail', 'work email', 'mail', 'correo', 'correo electrónico', 'email corporativo'],
  name: ['name', 'full name', 'nombre', 'nombre completo'],
  job_title: ['job title', 'title', 'position', 'puesto', 'cargo'],
  department: ['department', 'departamento', 'área'],
  manager_email: [
    'manager email',
    "manager's email",
    'manager e-mail',
    'correo del responsable',
    'email del responsable',
  ],
  manager_number: [
    'manager number',
    "manager's number",
    "manager's employee number",
    'manager employee number',
    'número del responsable',
    'número de empleado del responsable',
  ],
  manager: ['manager', 'responsable'],
  hire_date: [
    'hire date',
    'start date',
    'fecha de alta',
    'fecha de incorporación',
    'fecha de contratación',
    'fecha de ingreso',
  ],
  locale: ['locale', 'language', 'idioma'],
  active: ['active', 'is active', 'activo', 'activa'],
  roles: ['roles', 'role', 'rol'],
};

const byKey = new Map<string, ImportColumn>(
  importColumns.flatMap((column) =>
    [column, ...headerNames[column]].map((name) => [headerKey(name), column] as const),
  ),
);

/** The column a header names, or null when Mejora does not know it. */
export const columnOf = (header: string): ImportColumn | null => byKey.get(headerKey(header)) ?? null;

/** The headers of the downloadable template, in the interface language. */
export const templateHeaders: Record<'en' | 'es', Record<Exclude<ImportColumn, 'manager'>, string>> = {
  en: {
    employee_number: 'Employee number',
    email: 'Email',
    name: 'Name',
    job_title: 'Job title',
    department: 'Department',
    manager_email: 'Manager email',
    manager_number: 'Manager number',
    hire_date: 'Hire date',
    locale: 'Language',
    active: 'Active',
    roles: 'Roles',
  },
  es: {
    employee_number: 'Número de empleado',
    email: 'Correo electrónico',
    name: 'Nombre',
    job_title: 'Puesto',
    department: 'Departamento',
    manager_email: 'Correo del responsable',
    manager_number: 'Número del responsable',
    hire_date: 'Fecha de alta',
    locale: 'Idioma',
    active: 'Activo',
    roles: 'Roles',
  },
};

/** The template file: the header line only (a sample person would be imported like anyone else). */
export function templateCsv(locale: 'en' | 'es'): string {
  const quote = (value: string) => (/[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  return `\ufeff${Object.values(templateHeaders[locale]).map(quote).join(',')}\r\n`;
}
