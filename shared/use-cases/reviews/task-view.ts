import * as z from 'zod';
import { CHECKLIST, TaskSchema } from '#shared/domain/review.ts';

/**
 * A task as the API answers it (API.md § Stages and reviews): with `checklistItems`, every item
 * its decision must answer, so a portal renders the decision form from the task and never from a
 * copy of the catalogue. A task that already carries its items (the lifecycle redesign stores
 * them) keeps its own; otherwise they come from the review catalogue of its kind.
 */
export const TaskViewSchema = TaskSchema.extend({ checklistItems: z.array(z.string()) });

export const taskView = <T extends z.input<typeof TaskSchema>>(task: T): T & { checklistItems: string[] } => {
  const own = (task as { checklistItems?: unknown }).checklistItems;
  return {
    ...task,
    checklistItems: Array.isArray(own) ? own.map(String) : Object.keys(CHECKLIST[task.kind]),
  };
};
