import type { Adapters } from '#shared/use-cases/adapters.ts';

/**
 * The adapters of the functions no route declares, and how each uses them: what their IAM grants
 * are (infra/constructs/grants.ts) and what their handlers wire, checked by the compiler.
 */
export const TRIGGER_ADAPTERS = {
  /** The review workflows' task steps: tasks, the project and its duties, findings and holds, the escalation topic. */
  reviewStep: {
    calendar: 'read',
    departments: 'read',
    findings: 'write',
    notices: 'publish',
    obligations: 'write',
    projects: 'write',
    records: 'write',
    tasks: 'write',
  },
  /** Verifies what arrives in the bucket and settles its document. */
  documentArrived: { documents: 'write', inspector: 'inspect', projects: 'write' },
  /** The nightly compliance sweep, the repair of stranded reviews, and the reconciliation of the code registers after it. */
  nightlySweep: {
    calendar: 'read',
    departments: 'read',
    findings: 'write',
    obligations: 'write',
    projects: 'write',
    tasks: 'read',
    workflows: 'repair',
  },
  /** The working morning's reminders: the window of the due index and the queues, the waiver list; announcements written once; digests published. */
  morningReminders: {
    calendar: 'read',
    digests: 'publish',
    notifications: 'write',
    obligations: 'read',
    records: 'read',
    tasks: 'read',
  },
  /** Builds a dossier (ART33): reads the whole record and the documents, writes and signs the archive, settles the dossier. */
  dossierBuilder: {
    departments: 'read',
    documents: 'read',
    dossierArchive: 'build',
    dossierSigner: 'sign',
    dossiers: 'write',
    findings: 'read',
    obligations: 'read',
    projects: 'read',
    records: 'read',
    tasks: 'read',
  },
} as const satisfies Record<string, Adapters>;
