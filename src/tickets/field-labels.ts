/**
 * The four external fields of the ticket screen, by the names of the feature description.
 * Any other field a source sends is shown under its own key.
 */
export const FIELD_LABELS: Readonly<Record<string, string>> = {
  processNumber: 'Número do Processo',
  issuedAt: 'Emissão',
  productDescription: 'Descrição do Produto',
  problem: 'Problema',
};

export function fieldLabel(key: string): string {
  return FIELD_LABELS[key] ?? key;
}
