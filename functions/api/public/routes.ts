import * as z from 'zod';
import { PublicProjectSchema } from '#shared/domain/public-register.ts';
import { defineRoute, type FileBody } from '#shared/http/route.ts';
import { decimalInteger, PAGING } from '../route-parts.ts';

/**
 * The public register (政务公开, API.md § Public register): anyone reads it, without a token, and
 * the edge caches it for five minutes (infra/constructs/console-hosting.ts `/public/*`). Its own
 * resource folder, so the function serving it holds read grants only: it names no adapter it
 * could write through.
 */
const PUBLIC_CACHE_SECONDS = 300;

const PublicRegisterQuery = z.object({
  year: decimalInteger(2024, 2100)
    .optional()
    .describe('The year of approval (立项); default: this year in Asia/Shanghai'),
  ...PAGING,
});

const ADAPTERS = { register: 'read', records: 'read', departments: 'read' } as const;

export const listPublicProjects = defineRoute({
  id: 'listPublicProjects',
  method: 'GET',
  path: '/public/v1/projects',
  handler: 'public/list-public-projects',
  adapters: ADAPTERS,
  roles: 'public',
  summary:
    'The public register (政务公开): approved and later projects of one year of approval, in the order of approval; code, name, department, category, stage, approved budget, approval and acceptance days, procurement notices, nothing else',
  query: PublicRegisterQuery,
  response: z.object({ items: z.array(PublicProjectSchema), nextCursor: z.string().nullable() }),
  cacheSeconds: PUBLIC_CACHE_SECONDS,
});

export const publicProjectsAtom = defineRoute({
  id: 'getPublicProjectsAtom',
  method: 'GET',
  path: '/public/v1/projects.atom',
  handler: 'public/public-projects-atom',
  adapters: ADAPTERS,
  roles: 'public',
  summary:
    'The same page of the public register as an Atom 1.0 feed: one entry per project (id a tag: URI of its code), the next page linked (RFC 5005)',
  query: PublicRegisterQuery,
  response: z.custom<FileBody>(),
  produces: 'application/atom+xml; charset=utf-8',
  cacheSeconds: PUBLIC_CACHE_SECONDS,
});
