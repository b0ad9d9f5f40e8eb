import { endpointAdvice } from '../../lib/endpointAdvice';

/** Says before connecting what the browser will block or ask about for this endpoint, from where this page is served. */
export function EndpointAdviceNote({ endpoint }: { endpoint: string }) {
  const advice = endpointAdvice(location, endpoint);
  const lines = advice.blocked ? [advice.blocked, ...advice.notes] : advice.notes;
  if (!lines.length) return null;
  return (
    <div className={`endpoint-advice${advice.blocked ? ' blocked' : ''}`} role="note" aria-label="Before connecting">
      {lines.map((l) => (
        <p key={l}>{l}</p>
      ))}
    </div>
  );
}
