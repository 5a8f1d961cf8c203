/** The bulk-publish manifest: when the data set was published, where it lives, and which states each file covers. */
import type { ResourceType } from './codes.js';

export interface Manifest {
  transactionTime: string;
  request: string;
  output: { type: ResourceType; url: string; extension: { state: string[] } }[];
  error: never[];
}

/** The URL of the manifest and of each NDJSON file, under the public URL. */
export const manifestUrl = (publicUrl: string) => `${publicUrl}/fhir/$bulk-publish`;
export const fileUrl = (publicUrl: string, type: ResourceType) => `${publicUrl}/fhir/${type}.ndjson`;

export function toManifest(p: {
  publicUrl: string;
  transactionTime: number;
  files: { type: ResourceType; states: string[] }[];
}): Manifest {
  return {
    transactionTime: new Date(p.transactionTime).toISOString(),
    request: manifestUrl(p.publicUrl),
    output: p.files.map((f) => ({ type: f.type, url: fileUrl(p.publicUrl, f.type), extension: { state: f.states } })),
    error: [],
  };
}
