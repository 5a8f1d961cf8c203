import { CsvUpload } from './index.js';

const labels = {
  file: 'CSV file',
  fileHint: 'A .csv file with a header row.',
  paste: 'Or paste the CSV text',
  pasteHint: 'The first line names the columns.',
  submit: 'Check and import',
};

export const examples = {
  'file upload': <CsvUpload action="/example" csrfToken="example" multipart labels={labels} />,
  'paste (file picker added by script)': (
    <CsvUpload action="/example" csrfToken="example" multipart={false} labels={labels} value={'name\nNorth'} />
  ),
};
