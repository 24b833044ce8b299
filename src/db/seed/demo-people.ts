import type { Language, Role } from '../schema.ts';

// Who is in the demo: the staff logins (listed in the README), the customers who have a portal
// login (fixed names and situations, so screenshots and walkthroughs can rely on them), and the
// places the other ~1 000 generated customers live.

/** Password of every demo login, staff and customer alike. */
export const DEMO_PASSWORD = 'demo-password';

/** Domain of every demo login. `.example` is reserved (RFC 2606): no mail can ever reach it. */
export const DEMO_EMAIL_DOMAIN = 'claimdesk.example';

export type PremiumTarget = 'paid' | 'grace_period' | 'overdue' | 'lapsed';

/** A customer with a portal login: who they are and what their demo situation shows. */
export type DemoPersona = {
  givenName: string;
  familyName: string;
  sex: 'female' | 'male';
  birthDate: string;
  preferredLanguage: Language;
  country: 'SE' | 'IT';
  /** SE: a home city from SE_CITIES; IT: a home city from IT_CITIES. */
  city: string;
  /** IT only: Belfiore code of the birthplace (Z… for a foreign country). */
  birthPlaceCode?: string;
  /** Products held and each one's premium situation on the demo anchor date. */
  policies: Partial<Record<'travel' | 'health' | 'sickness', PremiumTarget>>;
  /** Claims filed on each product (registered through the portal by the customer themselves). */
  claims: Partial<Record<'travel' | 'health' | 'sickness', number>>;
};

export type DemoUser = {
  email: string;
  role: Role;
  displayName: string;
  team: string | null;
  department: string | null;
  locale: Language;
  /** What this login is for in a demo (README). */
  note: string;
  /** Customer logins only: the seeded customer the login belongs to. */
  persona?: DemoPersona;
};

const staff = (
  local: string,
  role: Role,
  displayName: string,
  locale: Language,
  note: string,
  where: { team?: string; department?: string } = {},
): DemoUser => ({
  email: `${local}@${DEMO_EMAIL_DOMAIN}`,
  role,
  displayName,
  team: where.team ?? null,
  department: where.department ?? null,
  locale,
  note,
});

const customer = (local: string, note: string, persona: DemoPersona): DemoUser => ({
  email: `${local}@${DEMO_EMAIL_DOMAIN}`,
  role: 'customer',
  displayName: `${persona.givenName} ${persona.familyName}`,
  team: null,
  department: null,
  locale: persona.preferredLanguage,
  note,
  persona,
});

/** Every demo login. All use the password `demo-password` (DEMO_PASSWORD). */
export const DEMO_USERS: readonly DemoUser[] = [
  staff('rep.se', 'representative', 'Anna Lindberg', 'sv', 'Claims representative, Swedish team', {
    team: 'SE',
  }),
  staff('rep2.se', 'representative', 'Oskar Ekström', 'sv', 'Claims representative, Swedish team', {
    team: 'SE',
  }),
  staff('rep.it', 'representative', 'Chiara Colombo', 'it', 'Claims representative, Italian team', {
    team: 'IT',
  }),
  staff('rep2.it', 'representative', 'Luca Ferrari', 'it', 'Claims representative, Italian team', {
    team: 'IT',
  }),
  staff('supervisor.se', 'supervisor', 'Maria Sandberg', 'sv', 'Supervisor of the Swedish team', {
    team: 'SE',
  }),
  staff('supervisor.it', 'supervisor', 'Paolo Conti', 'it', 'Supervisor of the Italian team', {
    team: 'IT',
  }),
  staff(
    'manager',
    'supervisor',
    'Karin Holm',
    'sv',
    'Claims manager: the second escalation step above both supervisors',
  ),
  staff('admin', 'administrator', 'Erik Dahl', 'en', 'Administrator: products, users, deadlines'),
  staff('auditor', 'auditor', 'Ingrid Wallin', 'en', 'Auditor: reads the full history, changes nothing'),
  staff('payments', 'department_agent', 'Sofia Marino', 'en', 'Payments department agent', {
    department: 'payments',
  }),
  // The departments a case can be referred to (demo-departments.ts): an agent and a supervisor
  // each; the supervisor receives the department's breached referral deadlines.
  staff('payments.supervisor', 'supervisor', 'Lars Nordin', 'sv', 'Supervisor of the payments department', {
    department: 'payments',
  }),
  staff('renewals', 'department_agent', 'Elisa Greco', 'it', 'Renewals and underwriting agent', {
    department: 'renewals',
  }),
  staff(
    'renewals.supervisor',
    'supervisor',
    'Henrik Sjöberg',
    'sv',
    'Supervisor of renewals and underwriting',
    { department: 'renewals' },
  ),
  staff('policyadmin', 'department_agent', 'Emma Larsson', 'sv', 'Policy administration agent', {
    department: 'policy_admin',
  }),
  staff(
    'policyadmin.supervisor',
    'supervisor',
    'Giorgio Fontana',
    'it',
    'Supervisor of policy administration',
    { department: 'policy_admin' },
  ),
  staff('medical', 'department_agent', 'Dr. Ulla Berglund', 'sv', 'Medical expert (claims opinions)', {
    department: 'medical_expert',
  }),
  staff(
    'medical.supervisor',
    'supervisor',
    'Dr. Roberto Galli',
    'it',
    'Chief medical officer: supervises the medical experts',
    { department: 'medical_expert' },
  ),
  staff('legal', 'department_agent', 'Nils Åberg', 'sv', 'Legal and fraud investigator', {
    department: 'legal_fraud',
  }),
  staff('legal.supervisor', 'supervisor', 'Valentina Moretti', 'it', 'Head of legal and fraud', {
    department: 'legal_fraud',
  }),
  customer('customer.se', 'Customer in Sweden: travel insurance and sickness benefit, paid up', {
    givenName: 'Elin',
    familyName: 'Lindqvist',
    sex: 'female',
    birthDate: '1988-04-17',
    preferredLanguage: 'sv',
    country: 'SE',
    city: 'Stockholm',
    policies: { travel: 'paid', sickness: 'paid' },
    claims: { travel: 1, sickness: 1 },
  }),
  customer('customer.it', 'Customer in Italy: health expense reimbursement, paid up', {
    givenName: 'Giulia',
    familyName: 'Romano',
    sex: 'female',
    birthDate: '1979-09-03',
    preferredLanguage: 'it',
    country: 'IT',
    city: 'Milano',
    birthPlaceCode: 'F205',
    policies: { health: 'paid' },
    claims: { health: 2 },
  }),
  customer('customer.en', 'English-speaking customer in Sweden: travel insurance, paid up', {
    givenName: 'James',
    familyName: 'Whitfield',
    sex: 'male',
    birthDate: '1984-12-09',
    preferredLanguage: 'en',
    country: 'SE',
    city: 'Göteborg',
    policies: { travel: 'paid' },
    claims: { travel: 1 },
  }),
  customer('customer.se.grace', 'Customer in Sweden: travel premium in its grace period', {
    givenName: 'Johan',
    familyName: 'Bergström',
    sex: 'male',
    birthDate: '1991-06-22',
    preferredLanguage: 'sv',
    country: 'SE',
    city: 'Malmö',
    policies: { travel: 'grace_period', sickness: 'paid' },
    claims: { travel: 1 },
  }),
  customer('customer.se.overdue', 'Customer in Sweden: sickness contributions overdue', {
    givenName: 'Mikael',
    familyName: 'Nyström',
    sex: 'male',
    birthDate: '1975-02-11',
    preferredLanguage: 'sv',
    country: 'SE',
    city: 'Uppsala',
    policies: { sickness: 'overdue' },
    claims: { sickness: 1 },
  }),
  customer('customer.se.lapsed', 'Customer in Sweden: travel insurance lapsed for non-payment', {
    givenName: 'Sara',
    familyName: 'Holmberg',
    sex: 'female',
    birthDate: '1996-10-30',
    preferredLanguage: 'sv',
    country: 'SE',
    city: 'Linköping',
    policies: { travel: 'lapsed' },
    claims: {},
  }),
  customer('customer.it.grace', 'Customer in Italy: health premium in its grace period', {
    givenName: 'Marco',
    familyName: 'Esposito',
    sex: 'male',
    birthDate: '1968-03-25',
    preferredLanguage: 'it',
    country: 'IT',
    city: 'Napoli',
    birthPlaceCode: 'F839',
    policies: { health: 'grace_period' },
    claims: { health: 1 },
  }),
  customer('customer.it.overdue', 'Customer in Italy: premium overdue, cover suspended (art. 1901 c.c.)', {
    givenName: 'Francesca',
    familyName: 'Ricci',
    sex: 'female',
    birthDate: '1982-07-14',
    preferredLanguage: 'it',
    country: 'IT',
    city: 'Torino',
    birthPlaceCode: 'L219',
    policies: { health: 'overdue' },
    claims: { health: 1 },
  }),
  customer('customer.it.lapsed', 'Customer in Italy: health policy lapsed for non-payment', {
    givenName: 'Alessandro',
    familyName: 'Bruno',
    sex: 'male',
    birthDate: '1959-11-05',
    preferredLanguage: 'it',
    country: 'IT',
    city: 'Bologna',
    birthPlaceCode: 'A944',
    policies: { health: 'lapsed' },
    claims: {},
  }),
  customer('customer.it.en', 'English-speaking customer in Italy: health expense reimbursement, paid up', {
    givenName: 'Emily',
    familyName: 'Hartley',
    sex: 'female',
    birthDate: '1990-01-27',
    preferredLanguage: 'en',
    country: 'IT',
    city: 'Firenze',
    birthPlaceCode: 'Z114', // Regno Unito
    policies: { health: 'paid' },
    claims: { health: 1 },
  }),
];

export type City = { name: string; weight: number; postal: readonly [number, number] };

/** Swedish home cities, weighted roughly by population, with their postal-code ranges. */
export const SE_CITIES: readonly City[] = [
  { name: 'Stockholm', weight: 30, postal: [11_120, 12_999] },
  { name: 'Göteborg', weight: 16, postal: [41_101, 42_679] },
  { name: 'Malmö', weight: 10, postal: [21_111, 21_880] },
  { name: 'Uppsala', weight: 6, postal: [75_220, 75_759] },
  { name: 'Västerås', weight: 4, postal: [72_210, 72_599] },
  { name: 'Örebro', weight: 4, postal: [70_210, 70_380] },
  { name: 'Linköping', weight: 4, postal: [58_102, 58_939] },
  { name: 'Helsingborg', weight: 4, postal: [25_220, 25_669] },
  { name: 'Jönköping', weight: 3, postal: [55_302, 55_649] },
  { name: 'Norrköping', weight: 3, postal: [60_210, 60_379] },
  { name: 'Lund', weight: 3, postal: [22_220, 22_739] },
  { name: 'Umeå', weight: 3, postal: [90_325, 90_750] },
  { name: 'Gävle', weight: 2, postal: [80_250, 80_646] },
  { name: 'Sundsvall', weight: 2, postal: [85_230, 85_753] },
  { name: 'Luleå', weight: 2, postal: [97_231, 97_754] },
  { name: 'Karlstad', weight: 2, postal: [65_220, 65_468] },
  { name: 'Växjö', weight: 2, postal: [35_230, 35_263] },
];

export const SE_STREETS: readonly string[] = [
  'Storgatan',
  'Drottninggatan',
  'Kungsgatan',
  'Vasagatan',
  'Sveavägen',
  'Järnvägsgatan',
  'Skolgatan',
  'Kyrkogatan',
  'Parkvägen',
  'Ringvägen',
  'Tallvägen',
  'Björkvägen',
  'Villagatan',
  'Stationsgatan',
  'Nygatan',
  'Linnégatan',
  'Karlavägen',
  'Hantverkargatan',
  'Odengatan',
  'Sankt Eriksgatan',
  'Backavägen',
  'Ekvägen',
  'Lärkvägen',
  'Södra vägen',
  'Östra Långgatan',
  'Västra Hamngatan',
  'Fältvägen',
  'Smedjegatan',
  'Trädgårdsgatan',
  'Bergsgatan',
];

/** Italian home cities (those of ITALIAN_PLACE_CODES), weighted, with their CAP ranges. */
export const IT_CITIES: readonly City[] = [
  { name: 'Roma', weight: 22, postal: [118, 199] },
  { name: 'Milano', weight: 16, postal: [20_121, 20_162] },
  { name: 'Napoli', weight: 10, postal: [80_121, 80_147] },
  { name: 'Torino', weight: 9, postal: [10_121, 10_156] },
  { name: 'Palermo', weight: 7, postal: [90_121, 90_151] },
  { name: 'Genova', weight: 5, postal: [16_121, 16_167] },
  { name: 'Bologna', weight: 5, postal: [40_121, 40_141] },
  { name: 'Firenze', weight: 5, postal: [50_121, 50_145] },
  { name: 'Bari', weight: 4, postal: [70_121, 70_132] },
  { name: 'Catania', weight: 3, postal: [95_121, 95_131] },
  { name: 'Venezia', weight: 3, postal: [30_121, 30_176] },
  { name: 'Verona', weight: 3, postal: [37_121, 37_142] },
  { name: 'Padova', weight: 2, postal: [35_121, 35_143] },
  { name: 'Trieste', weight: 2, postal: [34_121, 34_151] },
  { name: 'Cagliari', weight: 2, postal: [9121, 9134] },
];

export const IT_STREETS: readonly string[] = [
  'Via Roma',
  'Via Giuseppe Garibaldi',
  'Corso Vittorio Emanuele II',
  'Via Giuseppe Mazzini',
  'Via Cavour',
  'Via Dante Alighieri',
  'Via Giacomo Matteotti',
  'Viale della Repubblica',
  'Via XX Settembre',
  'Via Nazionale',
  'Piazza della Libertà',
  'Via Aldo Moro',
  'Via Guglielmo Marconi',
  'Via Giuseppe Verdi',
  'Via dei Mille',
  'Corso Italia',
  'Via Alessandro Manzoni',
  'Via San Francesco',
  'Via IV Novembre',
  'Via Cesare Battisti',
  'Viale Europa',
  'Via Vittorio Veneto',
  'Via Antonio Gramsci',
  'Via della Stazione',
  'Via Torino',
];

/** Belfiore codes for the birthplaces of foreign-born customers living in Italy. */
export const FOREIGN_BIRTHPLACES: readonly string[] = [
  'Z114', // Regno Unito
  'Z116', // Irlanda
  'Z404', // Stati Uniti d'America
];

/** Common Italian first names (faker's Italian list favours rare, old-fashioned ones). */
export const IT_GIVEN_NAMES: Readonly<Record<'female' | 'male', readonly string[]>> = {
  female: [
    'Sofia',
    'Giulia',
    'Aurora',
    'Alice',
    'Ginevra',
    'Emma',
    'Giorgia',
    'Greta',
    'Beatrice',
    'Anna',
    'Chiara',
    'Francesca',
    'Maria',
    'Sara',
    'Martina',
    'Valentina',
    'Alessandra',
    'Federica',
    'Elena',
    'Silvia',
    'Laura',
    'Paola',
    'Roberta',
    'Simona',
    'Elisa',
    'Giovanna',
    'Rosa',
    'Angela',
    'Lucia',
    'Antonella',
    'Barbara',
    'Daniela',
    'Monica',
    'Cristina',
    'Stefania',
    'Serena',
    'Ilaria',
    'Camilla',
    'Veronica',
    'Noemi',
    'Rita',
    'Teresa',
    'Carla',
    'Claudia',
    'Marta',
    'Eleonora',
    'Irene',
    'Caterina',
    'Arianna',
    'Benedetta',
  ],
  male: [
    'Francesco',
    'Alessandro',
    'Lorenzo',
    'Andrea',
    'Leonardo',
    'Mattia',
    'Matteo',
    'Gabriele',
    'Riccardo',
    'Tommaso',
    'Davide',
    'Giuseppe',
    'Antonio',
    'Federico',
    'Marco',
    'Luca',
    'Giovanni',
    'Roberto',
    'Stefano',
    'Paolo',
    'Salvatore',
    'Vincenzo',
    'Michele',
    'Pietro',
    'Simone',
    'Emanuele',
    'Nicola',
    'Fabio',
    'Daniele',
    'Massimo',
    'Claudio',
    'Angelo',
    'Domenico',
    'Carlo',
    'Franco',
    'Mario',
    'Luigi',
    'Giorgio',
    'Alberto',
    'Enrico',
    'Filippo',
    'Giacomo',
    'Edoardo',
    'Raffaele',
    'Sergio',
    'Maurizio',
    'Gianluca',
    'Cristian',
    'Diego',
    'Samuele',
  ],
};
