// Seeds the demo organisation: an AI-course platform and SaaS marketing firm with ~40 people.
import { randomUUID } from 'node:crypto';
import { count } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { employees, organizations, users } from '../../db/schema/index.ts';
import type { Role } from '../../domain/access/actor.ts';
import { createUser } from '../users/create-user.ts';

export const demoPassword = 'mejora-demo';

export const demoLogins: { email: string; role: Role; name: string }[] = [
  { email: 'hr@demo.mejora.dev', role: 'hr_admin', name: 'Helena Ruiz' },
  { email: 'hr.rep@demo.mejora.dev', role: 'hr', name: 'Hugo Reyes' },
  { email: 'manager@demo.mejora.dev', role: 'manager', name: 'Marta Navarro' },
  { email: 'employee@demo.mejora.dev', role: 'employee', name: 'Elena Martín' },
  { email: 'mentor@demo.mejora.dev', role: 'mentor', name: 'Miguel Torres' },
  { email: 'mentor2@demo.mejora.dev', role: 'mentor', name: 'Sofía Castro' },
  { email: 'auditor@demo.mejora.dev', role: 'auditor', name: 'Andrés Vidal' },
];

type Person = [name: string, jobTitle: string, login?: string];

/** Department → head, then the people reporting to them. */
const departments: Record<string, { head: Person; team: Person[] }> = {
  Engineering: {
    head: ['Marta Navarro', 'Engineering Manager', 'manager@demo.mejora.dev'],
    team: [
      ['Elena Martín', 'Software Engineer, Course Platform', 'employee@demo.mejora.dev'],
      ['Miguel Torres', 'Staff Engineer', 'mentor@demo.mejora.dev'],
      ['Daniel Ortega', 'Backend Engineer'],
      ['Lucía Fernández', 'Frontend Engineer'],
      ['Pablo Jiménez', 'Machine Learning Engineer'],
      ['Carmen Serrano', 'QA Engineer'],
      ['Javier Molina', 'DevOps Engineer'],
      ['Irene Delgado', 'Data Engineer'],
    ],
  },
  'Product & Design': {
    head: ['Raúl Domínguez', 'Head of Product'],
    team: [
      ['Sofía Castro', 'Senior Product Designer', 'mentor2@demo.mejora.dev'],
      ['Adrián Romero', 'Product Manager, SaaS Marketing'],
      ['Nuria Gil', 'Product Manager, AI Courses'],
      ['Óscar Herrera', 'UX Researcher'],
    ],
  },
  Marketing: {
    head: ['Beatriz León', 'Marketing Director'],
    team: [
      ['Diego Cabrera', 'Growth Marketer'],
      ['Alba Prieto', 'Content Marketer'],
      ['Sergio Vega', 'Marketing Automation Specialist'],
      ['Clara Rubio', 'SEO Specialist'],
      ['Iván Santos', 'Paid Acquisition Specialist'],
    ],
  },
  'Course Content': {
    head: ['Teresa Ibáñez', 'Head of Learning Content'],
    team: [
      ['Gonzalo Peña', 'Instructional Designer'],
      ['Laura Medina', 'AI Course Author'],
      ['Rubén Campos', 'Video Producer'],
      ['Marina Suárez', 'Learning Experience Designer'],
    ],
  },
  'Customer Success': {
    head: ['Alberto Cruz', 'Customer Success Manager'],
    team: [
      ['Patricia Méndez', 'Customer Success Specialist'],
      ['Hugo Marín', 'Support Engineer'],
      ['Silvia Lozano', 'Onboarding Specialist'],
      ['Emilio Reyes', 'Account Manager'],
      ['Rocío Aguilar', 'Support Specialist'],
    ],
  },
  Sales: {
    head: ['Fernando Ramos', 'Head of Sales'],
    team: [
      ['Inés Carrasco', 'Account Executive'],
      ['Tomás Núñez', 'Sales Development Representative'],
      ['Victoria Pascual', 'Partnerships Manager'],
    ],
  },
  'People & Operations': {
    head: ['Helena Ruiz', 'HR Director', 'hr@demo.mejora.dev'],
    team: [
      ['Hugo Reyes', 'HR Business Partner', 'hr.rep@demo.mejora.dev'],
      ['Andrés Vidal', 'Compliance Officer', 'auditor@demo.mejora.dev'],
      ['Natalia Rojas', 'Office Manager'],
    ],
  },
};

const emailOf = (name: string) =>
  `${name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, '.')}@lumina.example`;

/** Seeds when the database holds no organisation; returns whether it did. */
export async function seedDemo(
  db: Db,
  options: { isForced?: boolean; timezone?: string } = {},
): Promise<boolean> {
  const [{ value }] = await db.select({ value: count() }).from(organizations);
  if (value > 0 && !options.isForced) return false;
  const [{ value: demoUsers }] = await db.select({ value: count() }).from(users);
  if (demoUsers > 0 && options.isForced && value > 0) {
    // `mejora demo` on a database that already has the demo: nothing to do.
    const existing = await db.select({ slug: organizations.slug }).from(organizations);
    if (existing.some((o) => o.slug === 'lumina')) return false;
  }
  await db.transaction(async (tx) => {
    const id = randomUUID();
    const [org] = await tx
      .insert(organizations)
      .values({
        id,
        orgId: id,
        name: 'Lumina Learning',
        slug: 'lumina',
        settings: { timezone: options.timezone ?? 'Europe/Madrid', retentionYears: 7, defaultLocale: 'en' },
      })
      .returning();
    const orgId = org.id;
    const [ceo] = await tx
      .insert(employees)
      .values({
        orgId,
        name: 'Carolina Vázquez',
        email: emailOf('Carolina Vázquez'),
        jobTitle: 'Chief Executive Officer',
        department: 'Leadership',
        hireDate: '2019-03-01',
      })
      .returning({ id: employees.id });
    let hire = 0;
    const hireDate = () => `20${20 + (hire % 6)}-${String((hire++ % 12) + 1).padStart(2, '0')}-15`;
    for (const [department, { head, team }] of Object.entries(departments)) {
      const headId = await addPerson(tx as unknown as Db, orgId, department, head, ceo.id, hireDate());
      for (const person of team)
        await addPerson(tx as unknown as Db, orgId, department, person, headId, hireDate());
    }
  });
  return true;
}

async function addPerson(
  db: Db,
  orgId: string,
  department: string,
  [name, jobTitle, login]: Person,
  managerId: string,
  hireDate: string,
): Promise<string> {
  const [row] = await db
    .insert(employees)
    .values({ orgId, name, jobTitle, department, managerId, hireDate, email: login ?? emailOf(name) })
    .returning({ id: employees.id });
  const demo = demoLogins.find((d) => d.email === login);
  if (demo) {
    const roles: Role[] =
      demo.role === 'manager' || demo.role === 'employee' ? [demo.role] : [demo.role, 'employee'];
    await createUser(db, {
      orgId,
      email: demo.email,
      name,
      password: demoPassword,
      roles,
      employeeId: row.id,
    });
  }
  return row.id;
}
