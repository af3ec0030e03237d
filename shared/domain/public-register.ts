import * as z from 'zod';
import { DateSchema, shanghaiDate } from './calendar.ts';
import { FenSchema, type Project, ProjectSchema } from './project.schema.ts';
import { isPublic, StageSchema } from './stages.ts';

/**
 * The county's public register (政务公开, API.md § Public register): what anyone may read of an
 * approved project, without a token. It is a projection, never the project with fields removed:
 * the schemas below are strict and list every public field, and `publicProject` builds each one
 * from what it names, so a field added to the project later stays private until it is added here.
 */

/** A procurement notice as published (ART16 asks that procurement be made public 及时). */
export const PublicNoticeSchema = z
  .object({
    publishedOn: DateSchema,
    url: z.string().nullable().describe('Where the notice is published; null where the department gave no address'),
  })
  .strict();

export const PublicProjectSchema = z
  .object({
    code: z.string().describe('LC-2026-0007'),
    name: z.string(),
    departmentName: z.string().describe('The owner department (建设单位)'),
    category: z.string(),
    stage: StageSchema,
    approvedBudgetFen: FenSchema.describe(
      "The finance review's budget (ART14), or the approved estimate (概算) where no finance review set one",
    ),
    approvedOn: DateSchema.describe('The day the approval round concluded (立项)'),
    acceptedOn: DateSchema.nullable().describe('The day of completion acceptance, or null'),
    notices: z.array(PublicNoticeSchema),
  })
  .strict();
export type PublicProject = z.infer<typeof PublicProjectSchema>;

/**
 * What the register reads of a project: the public index carries these attributes and no other
 * (shared/store/table-layout.ts `publicRegister`), so the store cannot hand more to this module.
 */
export const PublicEntrySchema = ProjectSchema.pick({
  id: true,
  code: true,
  name: true,
  ownerDeptId: true,
  category: true,
  stage: true,
  totalInvestmentFen: true,
  approvedEstimateFen: true,
  approvedBudgetFen: true,
  acceptedOn: true,
}).extend({ approvedOn: DateSchema });
export type PublicEntry = z.infer<typeof PublicEntrySchema>;

/**
 * The day of 立项: kept since the approval round records it; for a project approved before it
 * did, the day its declaration's approval round concluded approved (a change's round names its
 * change and is not it).
 */
export const approvedOnOf = (project: Pick<Project, 'approvedOn' | 'rounds'>): string | null => {
  if (project.approvedOn) return project.approvedOn;
  const round = project.rounds.approval;
  if (round?.status !== 'approved' || round.changeId !== null || !round.concludedAt) return null;
  return shanghaiDate(new Date(round.concludedAt));
};

/**
 * Where a project stands on the public register: the year it is listed under (the year of its
 * approval) and the day, or null while its stage is not public (a draft, a rejected project).
 */
export const publicListing = (
  project: Pick<Project, 'stage' | 'approvedOn' | 'rounds'>,
): { year: number; approvedOn: string } | null => {
  if (!isPublic(project.stage)) return null;
  const approvedOn = approvedOnOf(project);
  return approvedOn ? { year: Number(approvedOn.slice(0, 4)), approvedOn } : null;
};

/** A notice as the register shows it: the day and the address, nothing of the document behind it. */
export interface NoticeFact {
  readonly publishedOn: string;
  readonly url?: string | null | undefined;
}

/**
 * One project as the public reads it. Pure: the department's name and the notices are given. The
 * budget falls back to the approved estimate, and to the declared total only for a project
 * approved before estimates were kept.
 */
export const publicProject = (
  entry: PublicEntry,
  notices: readonly NoticeFact[],
  departmentName: (deptId: string) => string,
): PublicProject =>
  PublicProjectSchema.parse({
    code: entry.code,
    name: entry.name,
    departmentName: departmentName(entry.ownerDeptId),
    category: entry.category,
    stage: entry.stage,
    approvedBudgetFen: entry.approvedBudgetFen ?? entry.approvedEstimateFen ?? entry.totalInvestmentFen,
    approvedOn: entry.approvedOn,
    acceptedOn: entry.acceptedOn,
    notices: [...notices]
      .sort((a, b) => a.publishedOn.localeCompare(b.publishedOn))
      .map((notice) => ({ publishedOn: notice.publishedOn, url: notice.url ?? null })),
  });
