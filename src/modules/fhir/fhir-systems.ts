// Identifier and code systems in the FHIR resources we take and emit (docs/fhir.md). Our own are
// URNs: they name our numbers and codes, not a web page.

export const SYSTEM = {
  customerNumber: 'urn:claimdesk:fhir:customer-number',
  policyNumber: 'urn:claimdesk:fhir:policy-number',
  claimNumber: 'urn:claimdesk:fhir:claim-number',
  paymentNumber: 'urn:claimdesk:fhir:payment-number',
  informationRequest: 'urn:claimdesk:fhir:information-request',
  /** Our benefit codes (MEDICAL_EXPENSES, …), the product configuration's `benefitCode`. */
  benefit: 'urn:claimdesk:fhir:benefit',
  /** Our assessment reason codes (covered_in_full, deductible_applied, …). */
  reason: 'urn:claimdesk:fhir:assessment-reason',
  /** Swedish personal identity number (personnummer), the OID Swedish FHIR profiles use. */
  sePersonnummer: 'urn:oid:1.2.752.129.2.1.3.1',
  /** Italian fiscal code (codice fiscale), as HL7 Italia's profiles name it. */
  itCodiceFiscale: 'http://hl7.it/sid/codiceFiscale',
  adjudication: 'http://terminology.hl7.org/CodeSystem/adjudication',
  paymentType: 'http://terminology.hl7.org/CodeSystem/ex-paymenttype',
  processPriority: 'http://terminology.hl7.org/CodeSystem/processpriority',
  claimType: 'http://terminology.hl7.org/CodeSystem/claim-type',
  communicationCategory: 'http://terminology.hl7.org/CodeSystem/communication-category',
  ucum: 'http://unitsofmeasure.org',
  bcp47: 'urn:ietf:bcp:47',
} as const;
