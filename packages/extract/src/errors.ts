/** Input the extractor refuses (binary, not text, too large); the message is meant for the user. */
export class ExtractError extends Error {
  override name = 'ExtractError';
}
