import { Select } from './index.js';

export const examples = {
  role: (
    <Select
      name="ex-role"
      label="Role"
      value="analyst"
      options={[
        { value: 'admin', label: 'Administrator' },
        { value: 'analyst', label: 'Analyst' },
      ]}
    />
  ),
};
