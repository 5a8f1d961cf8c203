/** The hidden CSRF token every form that POSTs must carry. */
export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}
