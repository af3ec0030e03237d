import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type * as z from 'zod';
import { routes } from '#functions/api/routes.ts';
import { ContractInputSchema } from '#shared/domain/contract.ts';
import { ProcurementPlanInputSchema } from '#shared/domain/procurement.ts';
import { articlesOf, documentKindsOf, PHASE_FORMS } from '../../console/src/phases/catalogue.ts';
import { bodyOf, type Draft, emptyDraft, type FieldSpec, fieldsOf } from '../../console/src/phases/form-spec.ts';

const group = (schema: z.ZodType): FieldSpec => ({ kind: 'group', fields: fieldsOf(schema) });

describe("the console's phase forms, drawn from the API's schemas", () => {
  it('reads each field of a request schema as the input a person fills', () => {
    const contract = Object.fromEntries(fieldsOf(ContractInputSchema).map((f) => [f.name, f]));
    expect(contract.kind?.spec).toEqual({ kind: 'choice', values: ['construction', 'supervision'] });
    expect(contract.amountFen?.spec).toEqual({ kind: 'money' });
    expect(contract.signedOn?.spec).toEqual({ kind: 'date' });
    expect(contract.contractDocumentId?.spec).toEqual({ kind: 'document' });
    expect(contract.wholeTransfer?.spec).toEqual({ kind: 'boolean' });
    expect(contract.confidentialityAgreementDocumentId).toMatchObject({ optional: true, spec: { kind: 'document' } });
    expect(contract.subcontractors).toMatchObject({ optional: true, spec: { kind: 'list', min: 0, max: 20 } });
    const vendor = contract.vendor?.spec;
    expect(vendor?.kind).toBe('group');
    expect(vendor?.kind === 'group' && vendor.fields.map((f) => [f.name, f.spec.kind])).toEqual([
      ['name', 'text'],
      ['creditCode', 'text'],
      ['qualifications', 'list'],
    ]);
  });

  it('reads a schema through z.toJSONSchema, never zod’s private internals that an upgrade may reshape', () => {
    const sources = readdirSync('console/src', { recursive: true, encoding: 'utf8' }).filter((f) => /\.tsx?$/.test(f));
    const internal = sources.filter((file) => readFileSync(path.join('console/src', file), 'utf8').includes('_zod'));
    expect(internal).toEqual([]);
    expect(readFileSync('console/src/phases/form-spec.ts', 'utf8')).toContain('z.toJSONSchema(');
  });

  it('turns what was typed into the body: yuan into exact fen, nothing typed left out for the schema to name', () => {
    const spec = group(ProcurementPlanInputSchema);
    const draft = emptyDraft(spec) as Record<string, Draft>;
    expect(draft).toEqual({ planDocumentId: '', budgetFen: '', method: '', requiredQualifications: [] });
    expect(bodyOf(spec, { ...draft, budgetFen: '570,000.29', method: 'public-tender' })).toEqual({
      budgetFen: 57_000_029,
      method: 'public-tender',
      requiredQualifications: [],
    });
    // Not a sum of money: sent as typed, so the schema refuses it by its field.
    const refused = ProcurementPlanInputSchema.safeParse(bodyOf(spec, { ...draft, budgetFen: '五十万' }));
    expect(refused.error?.issues.map((i) => i.path.join('.'))).toEqual(['planDocumentId', 'budgetFen', 'method']);
  });

  it('draws every phase form, and names document kinds only for document fields it has', () => {
    for (const form of PHASE_FORMS) {
      const fields = fieldsOf(form.route.body as z.ZodType);
      const documentFields = new Set<string>();
      const walk = (spec: FieldSpec, name: string) => {
        if (spec.kind === 'document') documentFields.add(name);
        if (spec.kind === 'group') for (const f of spec.fields) walk(f.spec, f.name);
        if (spec.kind === 'list') walk(spec.item, name);
      };
      for (const f of fields) walk(f.spec, f.name);
      for (const field of Object.keys(documentKindsOf(form))) expect(documentFields, form.route.id).toContain(field);
      expect(articlesOf(form).length, form.route.id).toBeGreaterThan(0);
    }
  });

  it('has a form for every route that writes a project record after the declaration (a phase that lands adds its form)', () => {
    // Written elsewhere in the console: the declaration (its form and its actions), documents
    // (the upload form), review decisions (the task page), the MLPS confirmation (a record's button),
    // the waiver's proposal, confirmation and withdrawal (a duty's buttons).
    // the audit dossier (its own section's button: it takes no form).
    const elsewhere = new Set([
      'createProject',
      'updateProject',
      'signOffProject',
      'confirmProject',
      'submitProject',
      'requestDocumentUpload',
      'confirmSecurity',
      'waiveObligation',
      'confirmWaiver',
      'withdrawWaiver',
      'requestDossier',
    ]);
    const projectWrites = routes.filter(
      (r) => r.method !== 'GET' && r.path.startsWith('/v1/projects/{id}/') && !elsewhere.has(r.id),
    );
    const drawn = new Set(PHASE_FORMS.map((f) => f.route.id));
    expect(projectWrites.map((r) => r.id).filter((id) => !drawn.has(id))).toEqual([]);
  });
});

describe('what the preliminary acceptance form shows ahead of the technical acceptance', () => {
  const ahead = PHASE_FORMS.find((form) => form.route.id === 'preliminaryAcceptance')?.ahead;

  it('ART24-SECURITY and ART21-ASSETS: lists every record the technical acceptance will look for and miss', () => {
    const missing = ahead?.check({ records: {}, drills: [], today: '2026-11-29' }) ?? [];
    expect(missing.map((v) => [v.code, v.path])).toEqual([
      ['ART24-SECURITY', 'mlps-filing'],
      ['ART24-SECURITY', 'security-assessment'],
      ['ART24-SECURITY', 'crypto-assessment'],
      ['ART24-SECURITY', 'security-drills'],
      ['ART21-ASSETS', 'assets'],
    ]);
  });
});
