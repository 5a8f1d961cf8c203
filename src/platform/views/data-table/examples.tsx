import { DataTable } from './index.js';

const rows = [
  { id: 1, name: 'Central Library', zone: 'America/New_York', open: true },
  { id: 2, name: 'Fairgrounds', zone: 'America/Chicago', open: false },
];

export const examples = {
  sites: (
    <DataTable
      caption="Sites"
      rows={rows}
      rowKey={(r) => r.id}
      columns={[
        { label: 'Name', cell: (r) => r.name, rowHeader: true },
        { label: 'Time zone', cell: (r) => r.zone },
        { label: 'Status', cell: (r) => (r.open ? 'Open' : 'Closed') },
      ]}
    />
  ),
};
