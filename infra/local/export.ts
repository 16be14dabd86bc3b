/**
 * `claims export` and `claims codebook`, owned by @claims/api. Imported by name here, not as
 * the package's whole namespace, so that the bundle takes only what they use (the web page's
 * assets, which the package finds on disk when it loads them, stay out).
 */
export { codebookCommand, exportCommand } from '@claims/api';
