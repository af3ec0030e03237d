import type { ProjectDocument } from '#shared/domain/document.schema.ts';
import { uploadAbandoned } from '#shared/domain/document-rules.ts';
import { api } from '../api/client.ts';
import { bytes, dateTime } from '../i18n/format.ts';
import { DOCUMENT_KINDS_ZH, label, rejectionReasonZh } from '../i18n/zh.ts';
import { DocumentStatus, Empty } from './ui.tsx';

const download = async (document: ProjectDocument) => {
  const { url } = await api.get<{ url: string }>(
    `/v1/projects/${document.projectId}/documents/${document.id}/download`,
  );
  window.open(url, '_blank', 'noopener');
};

/** A project's documents with their verification state and, when rejected, why. */
export const DocumentsTable = ({ documents }: { documents: readonly ProjectDocument[] }) =>
  documents.length === 0 ? (
    <Empty>尚无材料。</Empty>
  ) : (
    <table class="table">
      <caption class="sr-only">材料</caption>
      <thead>
        <tr>
          <th scope="col">材料类型</th>
          <th scope="col">文件</th>
          <th scope="col">大小</th>
          <th scope="col">状态</th>
          <th scope="col">上传时间</th>
          <th scope="col">操作</th>
        </tr>
      </thead>
      <tbody>
        {documents.map((d) => (
          <tr key={d.id} data-document-kind={d.kind}>
            <td>{label(DOCUMENT_KINDS_ZH, d.kind)}</td>
            <td>{d.fileName}</td>
            <td>{bytes(d.sizeBytes)}</td>
            <td>
              {uploadAbandoned(d, new Date()) ? (
                <span class="reason">上传未完成，文件未送达（请重新上传）</span>
              ) : (
                <DocumentStatus status={d.status} />
              )}
              {d.rejectionReason && <span class="reason">（{rejectionReasonZh(d.rejectionReason)}）</span>}
            </td>
            <td>{dateTime(d.createdAt)}</td>
            <td>
              {d.status === 'verified' && (
                <button type="button" class="link" onClick={() => void download(d)}>
                  下载<span class="sr-only">{d.fileName}</span>
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
