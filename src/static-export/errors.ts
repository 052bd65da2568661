/** Something about the target or the service's answers that makes an export impossible; the message is for the operator. */
export class ExportError extends Error {
  override name = 'ExportError';
}
