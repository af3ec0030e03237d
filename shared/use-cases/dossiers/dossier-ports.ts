import type { ProjectDocument } from '#shared/domain/document.schema.ts';
import type { Dossier } from '#shared/domain/dossier.ts';
import type { Page, PendingWrite } from '../ports.ts';

/** Dossiers on file: written with the project's audit event, settled once by the builder, listed. */
export interface DossierRecords {
  /** The new dossier, written in the same transaction as the export's audit event. */
  put(dossier: Dossier): PendingWrite;
  get(projectId: string, id: string): Promise<Dossier | undefined>;
  page(projectId: string, page: { limit: number; cursor?: string | undefined }): Promise<Page<Dossier>>;
  /** Every dossier taken in the county, newest last: the Audit Bureau's view. */
  countyPage(page: { limit: number; cursor?: string | undefined }): Promise<Page<Dossier>>;
  /** Ready or failed, once: false when it was settled already (a retried build). */
  settle(dossier: Dossier): Promise<boolean>;
}

/** One file being written into the archive. */
export interface ArchiveFile {
  write(chunk: Uint8Array): Promise<void>;
  end(): Promise<void>;
}

/** The archive being written: files one after another, streamed into the object store. */
export interface ArchiveWriter {
  /** `compress` for what compresses (JSON); documents (PDF, images, office files) are stored as they are. */
  file(path: string, options: { compress: boolean }): ArchiveFile;
  /** Closes the archive and completes the upload: its SHA-256 and size. */
  finish(): Promise<{ sha256: string; sizeBytes: number }>;
  abort(): Promise<void>;
}

/** Documents' bytes in, dossiers' archives out: never the whole archive in memory. */
export interface DossierArchive {
  readDocument(document: ProjectDocument): AsyncIterable<Uint8Array>;
  create(key: string): ArchiveWriter;
  presignDownload(key: string, fileName: string): Promise<{ url: string; expiresAt: string }>;
}

/** A public key of the dossier signers, as a JWK (RFC 7517; SM2 keys as `crv: "SM2"`). */
export interface DossierJwk {
  readonly kty: 'EC';
  readonly crv: 'P-256' | 'SM2';
  readonly x: string;
  readonly y: string;
  readonly kid: string;
  readonly alg: 'ES256' | 'SM2DSA';
  readonly use: 'sig';
}

/** The signing keys: KMS in a deployment (the private halves never leave it), files under .local/ locally. */
export interface DossierSigner {
  /** Whether an SM2 key signs too (the aws-cn partition, and locally). */
  readonly sm2: boolean;
  /** A detached compact JWS (ES256) over `payload`: `header..signature`. */
  signJws(payload: Uint8Array): Promise<string>;
  /** manifest.sm2.sig: SM2DSA over SM3 with the standard user id, r‖s. */
  signSm2(message: Uint8Array): Promise<string>;
  publicKeys(): Promise<DossierJwk[]>;
}
