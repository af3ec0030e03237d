import { describe, expect, it } from 'vitest';
import { ForbiddenError } from '#shared/domain/errors.ts';
import type { Actor } from '#shared/domain/roles.ts';
import { assertProposer, assertSecondOfficer, waiverAuthority } from '#shared/domain/waiver.ts';

const officer = (sub: string, deptId: string | null = 'data-bureau-dept'): Actor => ({
  sub,
  name: sub,
  deptId,
  roles: ['data-bureau'],
});
const project = { ownerDeptId: 'edu', coBuilderDeptIds: ['health'], submittedBy: 'edu-staff' };

describe('waivers: four eyes, and never by the owner (ART04-ROLE, ART33-RECORDS)', () => {
  it('ART04-ROLE: a Data Bureau officer of another department may act, without a conflict of interest', () => {
    expect(waiverAuthority(officer('li'), project, null)).toEqual({ conflictOfInterest: false });
  });

  it('ART04-ROLE: the owner department, a co-builder or the submitter may not, even holding data-bureau', () => {
    expect(() => waiverAuthority(officer('x', 'edu'), project, null)).toThrow(ForbiddenError);
    expect(() => waiverAuthority(officer('x', 'health'), project, null)).toThrow(ForbiddenError);
    expect(() => waiverAuthority(officer('edu-staff'), project, null)).toThrow(ForbiddenError);
    expect(() => waiverAuthority({ ...officer('x'), roles: ['dept-head'] }, project, null)).toThrow(ForbiddenError);
  });

  it('ART04-ROLE: on a project of the Data Bureau itself its officers act, marked conflictOfInterest', () => {
    const own = { ...project, ownerDeptId: 'data-bureau-dept' };
    expect(waiverAuthority(officer('li'), own, 'data-bureau')).toEqual({ conflictOfInterest: true });
    expect(() => waiverAuthority(officer('li'), own, 'finance')).toThrow(ForbiddenError);
  });

  it('ART04-ROLE: the proposer neither confirms its own proposal; only the proposer withdraws it', () => {
    expect(() => assertSecondOfficer(officer('li'), { proposedBy: 'li' })).toThrow(ForbiddenError);
    expect(() => assertSecondOfficer(officer('wang'), { proposedBy: 'li' })).not.toThrow();
    expect(() => assertProposer(officer('wang'), { proposedBy: 'li' })).toThrow(ForbiddenError);
    expect(() => assertProposer(officer('li'), { proposedBy: 'li' })).not.toThrow();
  });
});
