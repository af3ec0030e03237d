import { ConflictError } from '#shared/domain/errors.ts';
import type { Project } from '#shared/domain/project.schema.ts';
import { REVIEWS } from '#shared/domain/review-catalogue.ts';

/**
 * One filing with the Data Bureau awaits its confirmation at a time (a filing, or a yearly O&M
 * report): another while it waits is 409, naming what waits.
 */
export const awaitingConfirmation = (project: Pick<Project, 'rounds'>): void => {
  const round = project.rounds.filing;
  if (round?.status === 'running') {
    const waiting = round.kind ? REVIEWS[round.kind].zh : 'a filing';
    throw new ConflictError(`${waiting} awaits the Data Bureau's confirmation (round ${round.round}).`);
  }
};
