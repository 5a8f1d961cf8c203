import { TextInput } from './index.js';

export const examples = {
  plain: <TextInput name="ex-name" label="Full name" autocomplete="name" />,
  'with hint and error': (
    <TextInput
      name="ex-email"
      label="E-mail address"
      type="email"
      hint="We send your confirmation here."
      error="Enter an e-mail address like name@example.com"
      value="nope"
    />
  ),
};
