/**
 * The one reviewed way to put pre-rendered HTML into a template. Only pass markup that our own code produced
 * (e.g. an SVG chart renderer's output) — never user input. Lint forbids dangerouslySetInnerHTML elsewhere.
 */
export function Raw({ html, as: Tag = 'div', className }: { html: string; as?: 'div' | 'span'; className?: string }) {
  return <Tag class={className} dangerouslySetInnerHTML={{ __html: html }} />;
}
