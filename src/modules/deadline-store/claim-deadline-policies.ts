// Which deadline policies run on a claim, by jurisdiction and kind of product (pure). The
// policies themselves, with their legal sources, are in src/modules/deadlines/deadline-policies.ts.
//
// - Sweden, insurance: Försäkringsavtalslagen's one month to pay once the documentation is in, and
//   the internal first-contact service level.
// - Sweden, benefit programmes: förvaltningslagen 12 § (six months, after which the party may
//   demand a decision), and first contact.
// - Italy, insurance: the internal decision service level and first contact; motor products add
//   D.Lgs. 209/2005 art. 148 (30/60/90 days) through `extraPolicyCodes` in their configuration.

export type ProductForDeadlines = {
  code: string;
  kind: 'insurance' | 'benefit_programme';
  country: string;
};

export function claimDeadlinePolicyCodes(
  product: ProductForDeadlines,
  extraPolicyCodes: readonly string[] = [],
): string[] {
  const codes = ['internal.first_contact'];
  if (product.country === 'SE' && product.kind === 'insurance') codes.push('se.fal.claim_payment');
  else if (product.country === 'SE' && product.kind === 'benefit_programme') codes.push('se.fl.six_months');
  else codes.push('internal.claim_decision');
  for (const code of extraPolicyCodes) if (!codes.includes(code)) codes.push(code);
  return codes;
}

/** The calendar a claim's clocks count on: the product's country (SE or IT; others use SE's rules until configured). */
export function calendarFor(country: string): 'SE' | 'IT' {
  return country === 'IT' ? 'IT' : 'SE';
}
