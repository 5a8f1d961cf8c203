import { Alert } from './index.js';

export const examples = {
  success: (
    <Alert type="success" heading="Invitation sent">
      We e-mailed a link to set a password.
    </Alert>
  ),
  error: (
    <Alert type="error" slim>
      That did not work.
    </Alert>
  ),
  info: <Alert type="info">The queue is short.</Alert>,
};
