/**
 * The one file of an upload (multipart field `file`), read into memory within the upload limits:
 * 415 when the request is not multipart, 400 without a file, 413 over the size limit. Every
 * import route reads its file here, before any parsing.
 */
import type { FastifyRequest } from 'fastify';
import type { UploadLimits } from '../../config.ts';
import { mayEnterReport, REFUSED } from '../../permissions/reports.ts';
import { type EditorSession, refuse } from '../../permissions/session.ts';
import { Problem } from '../../plugins/problem.ts';
import { limitProblem } from './read-upload.ts';

const MISSING = { path: '/body/file', code: 'required', zh: '缺少文件', en: 'missing file' };

async function uploadedFile(
  request: FastifyRequest,
  limits: UploadLimits,
): Promise<{ buffer: Buffer; filename: string }> {
  if (!request.isMultipart())
    throw new Problem(
      415,
      'multipartRequired',
      '请以 multipart/form-data 上传文件（字段 file）',
      'Upload the file as multipart/form-data (field "file")',
      [MISSING],
    );
  const file = await request.file();
  if (!file) throw new Problem(400, 'fileRequired', '缺少上传文件', 'No file uploaded', [MISSING]);
  const buffer = await file.toBuffer().catch(() => {
    throw limitProblem('fileSize', limits);
  });
  return { buffer, filename: file.filename };
}

/**
 * An import's file for the province's report, and the editor importing it: who may import is
 * decided before the file is read, so nobody else causes parsing work or sees parse errors.
 * Only the province's own editor may, and an editor's province exists (app_user.province_code
 * references it), so no query is needed to know the province is there.
 */
export async function importFile(
  request: FastifyRequest,
  code: string,
  limits: UploadLimits,
): Promise<{ user: EditorSession; buffer: Buffer; filename: string }> {
  const user = request.user;
  if (!mayEnterReport(user, code)) throw refuse(user, REFUSED.import);
  return { user, ...(await uploadedFile(request, limits)) };
}
