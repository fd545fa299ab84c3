/**
 * A case is urgent when documents are retained, abuse or trafficking indicators are alleged, or
 * the worker is still abroad with the employer; urgent cases get the shorter SLAs. Pure.
 */
export function urgentReasons(allegations: readonly { category: string; traffickingIndicators?: boolean }[], workerAbroad: boolean): string[] {
  const reasons = new Set<string>();
  for (const a of allegations) {
    if (a.category === 'retained-documents') reasons.add('documents-retained');
    if (a.category === 'abuse-harassment') reasons.add('abuse-alleged');
    if (a.traffickingIndicators) reasons.add('trafficking-indicators');
  }
  if (workerAbroad) reasons.add('worker-abroad');
  return [...reasons].sort();
}
