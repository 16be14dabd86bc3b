// The write token: asked for once (with the analyst's name, which the API records), kept in this
// browser's localStorage, sent only in the Authorization header, never in a URL.

import { $, analyst, forgetCredentials, saveCredentials, say, token } from './lib.js';

let pending = null;

export function initToken() {
  const dialog = $('token-dialog');
  $('token-button').addEventListener('click', () => ask());
  $('token-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const t = $('td-token').value.trim();
    const name = $('td-name').value.trim();
    if (!t || !name) {
      say($('td-message'), 'Both are needed: the token to write, your name to sign what you write.', 'bad');
      return;
    }
    saveCredentials(t, name);
    finish(true);
  });
  $('td-cancel').addEventListener('click', () => finish(false));
  $('td-forget').addEventListener('click', () => {
    forgetCredentials();
    finish(false);
  });
  dialog.addEventListener('cancel', () => finish(false));
  showWho();
}

function finish(saved) {
  const dialog = $('token-dialog');
  if (dialog.open) dialog.close();
  showWho();
  pending?.(saved);
  pending = null;
}

function showWho() {
  $('token-button').textContent = token() ? `Writing as ${analyst() || 'someone'}` : 'Set write token';
}

/** Opens the dialog; resolves true once a token and a name are saved. */
function ask() {
  pending?.(false);
  $('td-token').value = token();
  $('td-name').value = analyst();
  say($('td-message'), '');
  $('token-dialog').showModal();
  $('td-token').focus();
  return new Promise((resolve) => {
    pending = resolve;
  });
}

/** Before a write: true when a token and a name are kept, else asks once; on cancel says that nothing changed. */
export async function requireCredentials(messageLine) {
  if (token() && analyst()) return true;
  const saved = await ask();
  if (!saved) say(messageLine, 'Writing needs a write token (and your name): nothing was changed.', 'bad');
  return saved;
}
