/**
 * PUTs the file straight to S3 through the presigned URL, with the headers the API signed
 * (content type, SHA-256 checksum, `If-None-Match: *` so a replayed URL never replaces what
 * was verified). XMLHttpRequest because fetch reports no upload progress.
 */
export const putObject = (
  upload: { url: string; headers: Record<string, string> },
  file: Blob,
  onProgress: (sent: number, total: number) => void,
): Promise<void> =>
  new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', upload.url);
    for (const [name, value] of Object.entries(upload.headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => onProgress(event.loaded, event.lengthComputable ? event.total : file.size);
    xhr.onload = () =>
      xhr.status >= 200 && xhr.status < 300 ? resolve() : reject(new Error(`存储服务拒绝了上传（${xhr.status}）`));
    xhr.onerror = () => reject(new Error('上传失败：无法连接存储服务'));
    xhr.send(file);
  });
