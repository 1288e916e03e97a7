// Plan templates in the browser: the HR administrator copies the Spanish default, edits it and saves new versions;
// the server's message for an emptied field shows at that field; HR representatives read; managers see nothing.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { planTemplateSchema } from '../src/domain/template/template.ts';
import { seriousViolations } from './helpers/axe.ts';
import { browserSuite, logins, type Session, screenshot, signIn } from './helpers/server.ts';
import { chooseOption, expectText, field } from './helpers/ui.ts';

const suite = browserSuite();
let session: Session | undefined;
let templateId = '';

const readTemplate = (page: Page, id: string) =>
  page.evaluate((path) => fetch(path).then((r) => r.json()), `/api/v1/templates/${id}`);

/** Opens a group of the editor (a collapsible section) unless it already is. */
async function openSection(page: Page, title: string) {
  const control = page.getByRole('button', { name: title, exact: true });
  if ((await control.getAttribute('aria-expanded')) !== 'true') await control.click();
}

describe('plan templates', () => {
  it('the HR administrator copies the Spanish default, changes it and saves version 2', async () => {
    session = await suite.open({ bypassCSP: true });
    const { page } = session;
    await signIn(page, logins.hr);
    await page.getByRole('link', { name: 'Templates' }).click();
    await page.getByRole('heading', { name: 'Plan templates', level: 1 }).waitFor();

    await page.getByRole('button', { name: 'Copy default template' }).click();
    const dialog = page.getByRole('dialog');
    await chooseOption(dialog, 'Language', 'Español');
    await field(dialog, 'Name').fill('PMR de Atención al Cliente');
    await dialog.getByRole('button', { name: 'Copy', exact: true }).click();
    await page.getByRole('heading', { name: 'PMR de Atención al Cliente', level: 1 }).waitFor();
    await expectText(page, 'Version 1 · Español');
    templateId = /\/admin\/templates\/([0-9a-f-]{36})$/.exec(page.url())?.[1] ?? '';
    expect(templateId).not.toBe('');

    await openSection(page, 'Confidentiality notice');
    await page
      .getByRole('textbox', { name: 'Confidentiality notice' })
      .fill('Este documento es confidencial. Solo pueden consultarlo el empleado, su responsable y RR. HH.');
    await openSection(page, 'Success criteria');
    const criteria = page.getByRole('textbox', { name: /^Success criteria, item \d+$/ });
    const count = await criteria.count();
    expect(count).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Add to Success criteria' }).click();
    const added = page.getByRole('textbox', { name: `Success criteria, item ${count + 1}` });
    await expect.poll(() => added.evaluate((el) => el === document.activeElement)).toBe(true);
    await added.fill('La satisfacción del cliente supera 4,5 sobre 5');
    // Moved to the top, it is the first criterion of the plans made from this version.
    for (let i = count; i > 0; i--)
      await page.getByRole('button', { name: `Move up: Success criteria, item ${i + 1}` }).click();
    expect(await criteria.first().inputValue()).toBe('La satisfacción del cliente supera 4,5 sobre 5');

    await page.mouse.move(600, 10);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'template-editor');

    await page.getByRole('button', { name: 'Save template' }).click();
    await expectText(page, 'Template saved as version 2.');
    await expectText(page, 'Version 2 · Español');
    const saved = await readTemplate(page, templateId);
    expect(saved.version).toBe(2);
    expect(saved.locale).toBe('es');
    expect(saved.successCriteria).toHaveLength(count + 1);
    expect(saved.successCriteria[0]).toBe('La satisfacción del cliente supera 4,5 sobre 5');

    await page.reload();
    await page.getByRole('heading', { name: 'PMR de Atención al Cliente', level: 1 }).waitFor();
    await openSection(page, 'Confidentiality notice');
    expect(await page.getByRole('textbox', { name: 'Confidentiality notice' }).inputValue()).toBe(
      'Este documento es confidencial. Solo pueden consultarlo el empleado, su responsable y RR. HH.',
    );
    await openSection(page, 'Success criteria');
    expect(await page.getByRole('textbox', { name: 'Success criteria, item 1' }).inputValue()).toBe(
      'La satisfacción del cliente supera 4,5 sobre 5',
    );
    expect(session.errors).toEqual([]);
  });

  it('an emptied required field shows the server’s message at that field, and nothing is saved', async () => {
    const page = session?.page as Page;
    await openSection(page, 'Name and title');
    const title = page.getByRole('textbox', { name: 'Title', exact: true });
    await title.fill('');
    await page.getByRole('button', { name: 'Save template' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'The template was not saved' });
    await summary.waitFor();
    // The very rule the server applies, so the test reads the server's words.
    const expected = planTemplateSchema.shape.title.safeParse('').error?.issues[0].message ?? '';
    expect(expected).not.toBe('');
    expect(await title.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await title.getAttribute('aria-describedby')) ?? '';
    const description = await page.evaluate(
      (ids) => ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' '),
      describedBy.split(' ').filter(Boolean),
    );
    expect(description).toContain(expected);
    expect(await summary.textContent()).toContain(`Name and title › Title: ${expected}`);
    await page.mouse.move(600, 10);
    expect(await seriousViolations(page)).toEqual([]);
    expect((await readTemplate(page, templateId)).version).toBe(2);

    // Leaving with the change unsaved asks first.
    await page.getByRole('link', { name: 'All templates' }).click();
    await page.getByRole('dialog', { name: 'Leave without saving?' }).waitFor();
    await page.getByRole('button', { name: 'Leave and discard' }).click();
    await page.getByRole('heading', { name: 'Plan templates', level: 1 }).waitFor();
    await page.getByRole('cell', { name: 'PMR de Atención al Cliente', exact: true }).waitFor();
    const row = page.getByRole('row').filter({ hasText: 'PMR de Atención al Cliente' });
    expect(await row.getByRole('cell').nth(2).textContent()).toBe('2');
  });

  it('the default templates open read-only, and an HR representative reads a copy without changing it', async () => {
    const page = session?.page as Page;
    await page.getByRole('link', { name: 'View Default PIP template (English)' }).click();
    await expectText(page, 'The default template cannot be changed.');
    expect(await page.getByRole('textbox', { name: 'Template name' }).getAttribute('readonly')).toBe('');
    expect(await page.getByRole('button', { name: 'Save template' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Copy', exact: true }).count()).toBe(1);

    const hr = await suite.open();
    await signIn(hr.page, logins.hrRep);
    await hr.page.goto(`/admin/templates/${templateId}`);
    await expectText(hr.page, 'Only HR administrators can change templates.');
    expect(await hr.page.getByRole('textbox', { name: 'Template name' }).getAttribute('readonly')).toBe('');
    expect(await hr.page.getByRole('button', { name: 'Save template' }).count()).toBe(0);
  });

  it('a manager sees no template editor', async () => {
    const other = await suite.open();
    await signIn(other.page, logins.manager);
    expect(await other.page.getByRole('link', { name: 'Templates' }).count()).toBe(0);
    await other.page.goto(`/admin/templates/${templateId}`);
    await expectText(other.page, 'Only HR can see this page.');
    expect(await other.page.getByRole('textbox').count()).toBe(0);
  });
});
