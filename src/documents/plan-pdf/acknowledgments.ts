// The signatures: each role's acknowledgment with its clauses and signature lines, and the employee's own words.
import { pdfColor } from '../pdf-writer.ts';
import { type EmployeeResponse, employeeResponseSection } from '../printable.ts';
import { type Context, lineGap, signatureBlock, size } from './writer.ts';

type Role = 'employee' | 'manager' | 'hr';

export function acknowledgments(c: Context): void {
  const { w, plan, h } = c;
  w.h1(h.acknowledgment, signatureBlock);
  const roles: [Role, string][] = [
    ['employee', h.employeeAcknowledgment],
    ['manager', h.managerAcknowledgment],
    ['hr', h.hrAcknowledgment],
  ];
  for (const [role, title] of roles) {
    const signature = plan.signatures.find((s) => s.role === role && !s.isRefused) ?? null;
    const refusal =
      signature === null ? (plan.signatures.find((s) => s.role === role && s.isRefused) ?? null) : null;
    // The intro, the clauses and the signature lines belong together on one page.
    w.ensure(signatureBlock);
    w.h2(title);
    w.paragraph(plan.acknowledgmentIntros[role]);
    const agreed = new Set(signature?.clauses ?? []);
    for (const clause of plan.acknowledgmentClauses[role])
      w.check(clause.text, agreed.has(clause.id), { indent: 6 });
    w.gap(4);
    w.ensure(60);
    const x = w.left;
    if (signature) {
      w.block('P', () => {
        w.style('bold', size.body);
        w.doc.text(`${h.signature}: `, x, w.doc.y, { continued: true, width: w.width, lineGap });
        w.style('oblique', size.body + 1.5, pdfColor.primary);
        w.doc.text(signature.typedName ?? signature.signerName, { continued: true });
        w.style('bold', size.body);
        w.doc.text(`     ${h.date}: `, { continued: true });
        w.style('regular', size.body);
        w.doc.text(c.date(signature.signedAt));
      });
      w.gap(2);
      w.labelled(h.printName, signature.typedName ?? signature.signerName, { bullet: false });
      w.style('regular', size.tiny, pdfColor.muted);
      const stale = signature.isCurrent ? '' : ` · ${c.words.signedVersion(signature.version)}`;
      w.block('P', () =>
        w.doc.text(
          `${h.signedAt}: ${c.dateTime(signature.signedAt)} · ${h.documentHash}: ${signature.documentHash}${stale}`,
          x,
          w.doc.y,
          { width: w.width, lineGap },
        ),
      );
    } else if (refusal) {
      w.style('bold', size.body, pdfColor.bad);
      w.block('P', () =>
        w.doc.text(`${h.refusedToSign} (${c.date(refusal.signedAt)})`, x, w.doc.y, {
          width: w.width,
          lineGap,
        }),
      );
      w.gap(2);
      w.labelled(h.employeeResponse, refusal.response ?? c.words.none, { bullet: false });
      const witness = [refusal.witnessName, refusal.witnessedAt ? c.date(refusal.witnessedAt) : null]
        .filter((p) => p !== null)
        .join(', ');
      w.labelled(
        h.witnessStatement,
        `${refusal.witnessStatement ?? c.words.none}${witness ? ` (${c.words.witness}: ${witness})` : ''}`,
        { bullet: false },
      );
      w.labelled(h.printName, refusal.signerName, { bullet: false });
    } else {
      w.block('P', () => {
        w.style('bold', size.body);
        w.doc.text(`${h.signature}: `, x, w.doc.y, { continued: true, width: w.width, lineGap });
        w.style('regular', size.body);
        w.doc.text('_________________________', { continued: true });
        w.style('bold', size.body);
        w.doc.text(`     ${h.date}: `, { continued: true });
        w.style('regular', size.body);
        w.doc.text('_________');
      });
      w.gap(6);
      w.labelled(h.printName, '_________________________', { bullet: false });
      w.style('regular', size.tiny, pdfColor.muted);
      w.block('P', () => w.doc.text(h.notSigned, x, w.doc.y, { width: w.width, lineGap }));
    }
    w.gap(6);
  }
}

/** The employee's own words for the record, as written: at signing, at refusal, or any time after. */
export function responses(c: Context, list: EmployeeResponse[]): void {
  const { w } = c;
  const section = employeeResponseSection(list, c.locale, c.date);
  w.h2(section.heading);
  if (section.none) w.paragraph(section.none, { fill: pdfColor.muted });
  for (const item of section.items) {
    w.style('bold', size.body);
    w.ensure(3 * (size.body + lineGap + 3));
    w.block('H4', () => w.doc.text(item.label, w.left, w.doc.y, { width: w.width, lineGap }));
    w.gap(1);
    w.paragraph(item.text);
  }
}
