import { isRoute, type RouteDefinition } from '#shared/http/route.ts';
import * as acceptance from './acceptance/routes.ts';
import * as accountability from './accountability/routes.ts';
import * as annualPlans from './annual-plans/routes.ts';
import * as auditTrail from './audit-trail/routes.ts';
import * as calendar from './calendar/routes.ts';
import * as changes from './changes/routes.ts';
import * as construction from './construction/routes.ts';
import * as departments from './departments/routes.ts';
import * as documents from './documents/routes.ts';
import * as dossiers from './dossiers/routes.ts';
import * as meta from './meta/routes.ts';
import * as notifications from './notifications/routes.ts';
import * as obligations from './obligations/routes.ts';
import * as operations from './operations/routes.ts';
import * as procurement from './procurement/routes.ts';
import * as projects from './projects/routes.ts';
import * as publicRegister from './public/routes.ts';
import * as reports from './reports/routes.ts';
import * as sweeps from './sweeps/routes.ts';
import * as tasks from './tasks/routes.ts';

/**
 * Every route of the HTTP API. Each resource declares its routes beside its handlers
 * (`<resource>/routes.ts`); this index is what the CDK api construct, the OpenAPI document and
 * the authorization matrix test read. A handler imports only its own resource's routes; each
 * resource folder is one Lambda (`<resource>.function.ts`) serving the routes its `routes.ts` declares.
 */
export const routes: readonly RouteDefinition[] = [
  meta,
  departments,
  projects,
  auditTrail,
  documents,
  tasks,
  calendar,
  procurement,
  construction,
  changes,
  acceptance,
  operations,
  accountability,
  obligations,
  sweeps,
  annualPlans,
  reports,
  dossiers,
  publicRegister,
  notifications,
].flatMap((module) => Object.values(module).filter(isRoute));
