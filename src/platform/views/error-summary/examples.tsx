import { ErrorSummary } from './index.js';

export const examples = {
  'two errors': (
    <ErrorSummary
      heading="There is a problem"
      errors={[
        { field: 'email', message: 'Enter your e-mail address' },
        { field: 'password', message: 'Enter your password' },
      ]}
    />
  ),
};
