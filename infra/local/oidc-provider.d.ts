// oidc-provider ships no types; this is the part of its API the local identity provider uses.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export interface AdapterPayload {
    readonly [key: string]: unknown;
    readonly uid?: string;
    readonly grantId?: string;
    readonly userCode?: string;
    consumed?: number;
  }
  export interface Adapter {
    upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void>;
    find(id: string): Promise<AdapterPayload | undefined>;
    findByUid(uid: string): Promise<AdapterPayload | undefined>;
    findByUserCode(userCode: string): Promise<AdapterPayload | undefined>;
    consume(id: string): Promise<void>;
    destroy(id: string): Promise<void>;
    revokeByGrantId(grantId: string): Promise<void>;
  }

  export interface Client {
    readonly clientId: string;
  }
  export interface Session {
    readonly accountId?: string;
  }
  export interface OidcContext {
    readonly client: Client;
    readonly session: Session;
    readonly params: Record<string, unknown>;
    readonly result?: { login?: { accountId: string }; consent?: { grantId?: string } };
    readonly provider: Provider;
  }
  export interface KoaContextWithOIDC {
    readonly oidc: OidcContext;
    body: unknown;
    type: string;
    status: number;
    set(name: string, value: string): void;
  }
  export interface AccessToken {
    readonly accountId?: string;
    readonly kind: string;
  }

  export interface Interaction {
    readonly uid: string;
    readonly prompt: { readonly name: string; readonly details: Record<string, unknown> };
    readonly params: Record<string, unknown>;
    /** The browser's session when the interaction began (absent for a browser signed in to nobody). */
    session?: { readonly uid: string; readonly accountId?: string };
    /** Epoch seconds. */
    readonly exp: number;
    save(ttl: number): Promise<string>;
  }
  export interface SessionModel {
    destroy(): Promise<void>;
  }

  export interface Grant {
    addOIDCScope(scope: string): void;
    addResourceScope(resource: string, scope: string): void;
    save(): Promise<string>;
  }
  export interface GrantConstructor {
    new (properties: { clientId: string; accountId: string }): Grant;
    find(id: string): Promise<Grant | undefined>;
  }

  export class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>);
    readonly issuer: string;
    readonly Grant: GrantConstructor;
    readonly Session: { findByUid(uid: string): Promise<SessionModel | undefined> };
    proxy: boolean;
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<Interaction>;
    interactionFinished(
      req: IncomingMessage,
      res: ServerResponse,
      result: Record<string, unknown>,
      options?: { mergeWithLastSubmission?: boolean },
    ): Promise<void>;
    on(event: string, listener: (...args: unknown[]) => void): this;
  }

  export class Check {
    constructor(reason: string, description: string, check: (ctx: KoaContextWithOIDC) => string | Promise<string>);
    static readonly REQUEST_PROMPT: string;
    static readonly NO_NEED_TO_PROMPT: string;
  }
  interface Prompt {
    readonly checks: Check[];
  }
  interface Policy {
    get(name: string): Prompt | undefined;
  }
  export const interactionPolicy: {
    base(): Policy;
    Check: typeof Check;
  };

  export const errors: { InvalidTarget: new (description?: string) => Error };

  export default Provider;
}
