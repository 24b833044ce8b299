import type { Language } from '../schema.ts';
import { addDays, daysBetween, type Rng, randomDate } from './demo-random.ts';

// Claim scenarios for the demo: what happened, in the customer's own language, with realistic
// providers (clinics, airlines, pharmacies) and amounts in minor units of the policy's currency.

export type ClaimLineDraft = {
  benefitCode: string;
  description: string;
  serviceDate: string;
  amountMinor: number;
  provider?: string;
  /** Daily benefit: the number of sick days from serviceDate (the engine computes the amount). */
  days?: number;
};

export type ClaimDraft = { incidentDate: string; description: string; lines: ClaimLineDraft[] };

/** Text in the languages a scenario can be told in. */
type Text = { sv: string; it: string; en: string };
type SvEn = { sv: string; en: string };
type ItEn = { it: string; en: string };

const say = (lang: Language, text: Partial<Text>): string => text[lang] ?? text.en ?? '';

/** Amount in minor units with arbitrary öre/cents, between `min` and `max` major units. */
function exact(rng: Rng, min: number, max: number): number {
  return rng.int(min * 100, max * 100);
}

/** Amount in whole major units (most invoices at home are in whole kronor or euros). */
function whole(rng: Rng, min: number, max: number): number {
  return rng.int(min, max) * 100;
}

// --- Travel (SE-TRAVEL, SEK; told in Swedish or English) -----------------------------------------

type Destination = {
  name: SvEn;
  airport: string;
  hospitals: readonly string[];
  pharmacy: string;
  shop: string;
  hotel: string;
  ski?: boolean;
};

const DESTINATIONS: readonly Destination[] = [
  {
    name: { sv: 'Mallorca', en: 'Majorca' },
    airport: 'PMI',
    hospitals: ['Hospital Quirónsalud Palmaplanas', 'Clínica Juaneda, Palma'],
    pharmacy: 'Farmacia Passeig Marítim, Palma',
    shop: 'El Corte Inglés, Palma',
    hotel: 'Hotel Bahía Mar, Alcúdia',
  },
  {
    name: { sv: 'Gran Canaria', en: 'Gran Canaria' },
    airport: 'LPA',
    hospitals: ['Hospiten Roca, Maspalomas', 'Hospital Universitario de Gran Canaria Doctor Negrín'],
    pharmacy: 'Farmacia Playa del Inglés',
    shop: 'Centro Comercial Yumbo, Playa del Inglés',
    hotel: 'Hotel Riu Palace Maspalomas',
  },
  {
    name: { sv: 'Phuket, Thailand', en: 'Phuket, Thailand' },
    airport: 'HKT',
    hospitals: ['Bangkok Hospital Phuket', 'Vachira Phuket Hospital'],
    pharmacy: 'Boots, Patong',
    shop: 'Central Phuket',
    hotel: 'Katathani Phuket Beach Resort',
  },
  {
    name: { sv: 'Kreta', en: 'Crete' },
    airport: 'HER',
    hospitals: ['Creta InterClinic, Heraklion', 'Medifirst Clinic, Chania'],
    pharmacy: 'Farmakeio Chania',
    shop: 'Jumbo, Heraklion',
    hotel: 'Aldemar Knossos Royal',
  },
  {
    name: { sv: 'Rom', en: 'Rome' },
    airport: 'FCO',
    hospitals: ['Policlinico Universitario A. Gemelli', 'Rome American Hospital'],
    pharmacy: 'Farmacia della Stazione Termini',
    shop: 'Rinascente, Via del Tritone',
    hotel: 'Hotel Artemide, Roma',
  },
  {
    name: { sv: 'Lissabon', en: 'Lisbon' },
    airport: 'LIS',
    hospitals: ['Hospital CUF Descobertas', 'Hospital da Luz Lisboa'],
    pharmacy: 'Farmácia Estácio, Lisboa',
    shop: 'El Corte Inglés, Lisboa',
    hotel: 'Hotel Avenida Palace, Lisboa',
  },
  {
    name: { sv: 'New York', en: 'New York' },
    airport: 'JFK',
    hospitals: ['NewYork-Presbyterian Hospital', 'Mount Sinai Hospital'],
    pharmacy: 'CVS Pharmacy, 7th Avenue',
    shop: 'Macy’s Herald Square',
    hotel: 'The Roosevelt Hotel, New York',
  },
  {
    name: { sv: 'Antalya, Turkiet', en: 'Antalya, Turkey' },
    airport: 'AYT',
    hospitals: ['Memorial Antalya Hastanesi', 'Medical Park Antalya'],
    pharmacy: 'Eczane Lara, Antalya',
    shop: 'TerraCity, Antalya',
    hotel: 'Titanic Beach Lara',
  },
  {
    name: { sv: 'Split, Kroatien', en: 'Split, Croatia' },
    airport: 'SPU',
    hospitals: ['KBC Split', 'Poliklinika Medico, Split'],
    pharmacy: 'Ljekarna Split',
    shop: 'Joker Centar, Split',
    hotel: 'Hotel Park, Split',
  },
  {
    name: { sv: 'Nice', en: 'Nice' },
    airport: 'NCE',
    hospitals: ['Hôpital Pasteur, Nice', 'Clinique Saint-George, Nice'],
    pharmacy: 'Pharmacie Masséna, Nice',
    shop: 'Galeries Lafayette, Nice',
    hotel: 'Hôtel Le Negresco, Nice',
  },
  {
    name: { sv: 'Val d’Isère, Frankrike', en: 'Val d’Isère, France' },
    airport: 'GVA',
    hospitals: ['Centre Médical de Val d’Isère', 'Centre Hospitalier de Bourg-Saint-Maurice'],
    pharmacy: 'Pharmacie de Val d’Isère',
    shop: 'Intersport Val d’Isère',
    hotel: 'Hôtel Le Blizzard, Val d’Isère',
    ski: true,
  },
  {
    name: { sv: 'London', en: 'London' },
    airport: 'LHR',
    hospitals: ['St Thomas’ Hospital', 'The London Clinic'],
    pharmacy: 'Boots, Oxford Street',
    shop: 'Marks & Spencer, Oxford Street',
    hotel: 'Premier Inn London County Hall',
  },
];

const AIRLINES: readonly { name: string; iata: string }[] = [
  { name: 'SAS', iata: 'SK' },
  { name: 'Norwegian', iata: 'DY' },
  { name: 'Lufthansa', iata: 'LH' },
  { name: 'KLM', iata: 'KL' },
  { name: 'Finnair', iata: 'AY' },
  { name: 'Turkish Airlines', iata: 'TK' },
  { name: 'Ryanair', iata: 'FR' },
  { name: 'TUI fly Nordic', iata: '6B' },
];

const TOUR_OPERATORS = ['Ving', 'Apollo', 'TUI'] as const;

const ILLNESSES: readonly (SvEn & { ski?: boolean })[] = [
  { sv: 'magsjuka', en: 'gastroenteritis' },
  { sv: 'öroninflammation', en: 'an ear infection' },
  { sv: 'stukad fotled efter ett fall', en: 'a sprained ankle after a fall' },
  { sv: 'lunginflammation', en: 'pneumonia' },
  { sv: 'allergisk reaktion', en: 'an allergic reaction' },
  { sv: 'urinvägsinfektion', en: 'a urinary tract infection' },
  { sv: 'skidolycka med bruten handled', en: 'a skiing accident with a broken wrist', ski: true },
  { sv: 'knäskada i backen', en: 'a knee injury on the slopes', ski: true },
];

const CANCELLATION_REASONS: readonly SvEn[] = [
  { sv: 'akut sjukdom', en: 'sudden illness' },
  { sv: 'att vårt barn blev sjukt', en: 'our child falling ill' },
  { sv: 'en nära anhörigs dödsfall', en: 'the death of a close relative' },
  { sv: 'ett olycksfall veckan före avresan', en: 'an accident the week before departure' },
];

function pir(rng: Rng, dest: Destination, airline: { iata: string }): string {
  return `${dest.airport}${airline.iata}${String(rng.int(10_000, 99_999))}`;
}

export function travelClaim(rng: Rng, lang: Language, from: string, to: string): ClaimDraft {
  const kind = rng.weighted([
    ['medical', 40],
    ['cancellation', 25],
    ['delay', 20],
    ['loss', 15],
  ] as const);
  const dest = rng.pick(DESTINATIONS);
  const airline = rng.pick(AIRLINES);
  const place = say(lang, dest.name);
  const incidentDate = randomDate(rng, from, to);

  if (kind === 'medical') {
    const illness = rng.pick(ILLNESSES.filter((i) => !i.ski || dest.ski));
    const hospital = rng.pick(dest.hospitals);
    const lines: ClaimLineDraft[] = [
      {
        benefitCode: 'MEDICAL_EXPENSES',
        description: say(lang, {
          sv: 'Läkarbesök och undersökning',
          en: 'Doctor’s consultation and examination',
        }),
        serviceDate: incidentDate,
        amountMinor: exact(rng, 900, 4_500),
        provider: hospital,
      },
    ];
    if (rng.chance(0.3)) {
      lines.push({
        benefitCode: 'MEDICAL_EXPENSES',
        description: say(lang, { sv: 'Röntgen', en: 'X-ray' }),
        serviceDate: incidentDate,
        amountMinor: exact(rng, 1_200, 3_500),
        provider: hospital,
      });
    }
    if (rng.chance(0.12)) {
      const nights = rng.int(1, 4);
      lines.push({
        benefitCode: 'MEDICAL_EXPENSES',
        description: say(lang, {
          sv: `Sjukhusvård, ${nights} ${nights === 1 ? 'natt' : 'nätter'}`,
          en: `Hospital care, ${nights} ${nights === 1 ? 'night' : 'nights'}`,
        }),
        serviceDate: incidentDate,
        amountMinor: exact(rng, 9_000 * nights, 16_000 * nights),
        provider: hospital,
      });
    }
    if (rng.chance(0.6)) {
      lines.push({
        benefitCode: 'MEDICAL_EXPENSES',
        description: say(lang, { sv: 'Receptbelagda läkemedel', en: 'Prescribed medicines' }),
        serviceDate: addDays(incidentDate, rng.int(0, 1) > 0 && incidentDate < to ? 1 : 0),
        amountMinor: exact(rng, 150, 900),
        provider: dest.pharmacy,
      });
    }
    if (rng.chance(0.15)) {
      lines.push({
        benefitCode: 'LUGGAGE_DELAY',
        description: say(lang, {
          sv: 'Nödvändiga inköp i väntan på försenat bagage',
          en: 'Essential purchases while the luggage was delayed',
        }),
        serviceDate: incidentDate,
        amountMinor: exact(rng, 400, 1_800),
        provider: dest.shop,
      });
    }
    return {
      incidentDate,
      description: say(lang, {
        sv: `Drabbades av ${illness.sv} under resan till ${place} och sökte vård på ${hospital}.`,
        en: `Had ${illness.en} while travelling in ${place}; treated at ${hospital}.`,
      }),
      lines,
    };
  }

  if (kind === 'cancellation') {
    const reason = rng.pick(CANCELLATION_REASONS);
    const departure = addDays(incidentDate, rng.int(2, 21));
    const lines: ClaimLineDraft[] = [];
    if (rng.chance(0.45)) {
      const operator = rng.pick(TOUR_OPERATORS);
      lines.push({
        benefitCode: 'TRIP_CANCELLATION',
        description: say(lang, {
          sv: `Paketresa till ${place}, avbokningsavgift`,
          en: `Package holiday to ${place}, cancellation charge`,
        }),
        serviceDate: incidentDate,
        amountMinor: whole(rng, 6_000, 28_000),
        provider: operator,
      });
    } else {
      lines.push({
        benefitCode: 'TRIP_CANCELLATION',
        description: say(lang, {
          sv: `Flygbiljetter tur och retur ${place}, ej återbetalningsbara`,
          en: `Return flights to ${place}, non-refundable`,
        }),
        serviceDate: incidentDate,
        amountMinor: whole(rng, 2_400, 9_800),
        provider: airline.name,
      });
      const nights = rng.int(3, 10);
      lines.push({
        benefitCode: 'TRIP_CANCELLATION',
        description: say(lang, {
          sv: `Hotell, ${nights} nätter, ej återbetalningsbart`,
          en: `Hotel, ${nights} nights, non-refundable`,
        }),
        serviceDate: incidentDate,
        amountMinor: exact(rng, 700 * nights, 1_900 * nights),
        provider: dest.hotel,
      });
    }
    return {
      incidentDate,
      description: say(lang, {
        sv: `Avbokade resan till ${place} med avresa ${departure} på grund av ${reason.sv}.`,
        en: `Cancelled the trip to ${place} departing on ${departure} because of ${reason.en}.`,
      }),
      lines,
    };
  }

  if (kind === 'delay') {
    const hours = rng.int(8, 72);
    const report = pir(rng, dest, airline);
    const lines: ClaimLineDraft[] = [
      {
        benefitCode: 'LUGGAGE_DELAY',
        description: say(lang, {
          sv: 'Nödvändiga inköp: kläder och hygienartiklar',
          en: 'Essential purchases: clothing and toiletries',
        }),
        serviceDate: incidentDate,
        amountMinor: exact(rng, 400, 2_800),
        provider: dest.shop,
      },
    ];
    if (rng.chance(0.35)) {
      lines.push({
        benefitCode: 'LUGGAGE_DELAY',
        description: say(lang, { sv: 'Mobilladdare och adapter', en: 'Phone charger and adapter' }),
        serviceDate: incidentDate,
        amountMinor: exact(rng, 150, 450),
        provider: dest.shop,
      });
    }
    return {
      incidentDate,
      description: say(lang, {
        sv: `Bagaget kom fram först ${hours} timmar efter ankomsten till ${place} med ${airline.name} (PIR ${report}).`,
        en: `My luggage arrived ${hours} hours after I landed in ${place} with ${airline.name} (PIR ${report}).`,
      }),
      lines,
    };
  }

  const report = pir(rng, dest, airline);
  const damaged = rng.chance(0.35);
  const year = Number(incidentDate.slice(0, 4));
  const lines: ClaimLineDraft[] = [
    {
      benefitCode: 'LUGGAGE_LOSS',
      description: say(lang, {
        sv: `Resväska, inköpt ${rng.int(year - 7, year - 1)}`,
        en: `Suitcase, bought in ${rng.int(year - 7, year - 1)}`,
      }),
      serviceDate: incidentDate,
      amountMinor: whole(rng, 1_200, 3_900),
      provider: airline.name,
    },
  ];
  if (!damaged) {
    lines.push({
      benefitCode: 'LUGGAGE_LOSS',
      description: say(lang, { sv: 'Kläder och skor', en: 'Clothes and shoes' }),
      serviceDate: incidentDate,
      amountMinor: whole(rng, 2_000, 9_000),
      provider: airline.name,
    });
    if (rng.chance(0.4)) {
      lines.push({
        benefitCode: 'LUGGAGE_LOSS',
        description: say(lang, { sv: 'Hörlurar och laddare', en: 'Headphones and chargers' }),
        serviceDate: incidentDate,
        amountMinor: whole(rng, 900, 3_500),
        provider: airline.name,
      });
    }
  }
  return {
    incidentDate,
    description: damaged
      ? say(lang, {
          sv: `Resväskan skadades på flyget med ${airline.name} till ${place} (PIR ${report}).`,
          en: `My suitcase was damaged on the ${airline.name} flight to ${place} (PIR ${report}).`,
        })
      : say(lang, {
          sv: `Resväskan försvann på flyget med ${airline.name} till ${place} och har inte återfunnits (PIR ${report}).`,
          en: `My suitcase went missing on the ${airline.name} flight to ${place} and has not been found (PIR ${report}).`,
        }),
    lines,
  };
}

// --- Health (IT-HEALTH, EUR; told in Italian or English) -----------------------------------------

type Service = ItEn & { range: readonly [number, number]; female?: boolean };

const VISITS: readonly Service[] = [
  { it: 'Visita cardiologica', en: 'Cardiology consultation', range: [120, 220] },
  { it: 'Visita dermatologica', en: 'Dermatology consultation', range: [90, 160] },
  { it: 'Visita ortopedica', en: 'Orthopaedic consultation', range: [100, 180] },
  { it: 'Visita ginecologica', en: 'Gynaecology consultation', range: [100, 180], female: true },
  { it: 'Visita oculistica', en: 'Eye examination', range: [90, 150] },
  { it: 'Visita otorinolaringoiatrica', en: 'Ear, nose and throat consultation', range: [90, 150] },
  { it: 'Visita endocrinologica', en: 'Endocrinology consultation', range: [110, 180] },
];

const TESTS: readonly Service[] = [
  { it: 'Risonanza magnetica al ginocchio', en: 'MRI scan of the knee', range: [180, 380] },
  { it: 'Ecografia addominale', en: 'Abdominal ultrasound', range: [70, 140] },
  { it: 'Esami del sangue', en: 'Blood tests', range: [35, 110] },
  { it: 'TAC del torace', en: 'Chest CT scan', range: [180, 320] },
  { it: 'Ecocardiogramma', en: 'Echocardiogram', range: [90, 180] },
  { it: 'Mammografia', en: 'Mammogram', range: [70, 130], female: true },
  { it: 'Radiografia del polso', en: 'Wrist X-ray', range: [40, 90] },
  { it: 'Holter cardiaco 24 ore', en: '24-hour Holter monitoring', range: [80, 150] },
];

const ADMISSIONS: readonly (ItEn & { days: readonly [number, number]; fee: readonly [number, number] })[] = [
  { it: 'appendicectomia', en: 'an appendectomy', days: [2, 4], fee: [1_800, 3_500] },
  { it: 'intervento al menisco', en: 'knee meniscus surgery', days: [1, 2], fee: [1_500, 3_000] },
  { it: 'polmonite', en: 'pneumonia', days: [4, 9], fee: [600, 1_400] },
  {
    it: 'colecistectomia laparoscopica',
    en: 'laparoscopic gallbladder removal',
    days: [2, 4],
    fee: [2_200, 4_200],
  },
  { it: 'frattura del femore', en: 'a broken thigh bone', days: [5, 10], fee: [2_500, 5_000] },
];

const DENTAL: readonly Service[] = [
  { it: 'Otturazione', en: 'Filling', range: [80, 150] },
  { it: 'Devitalizzazione', en: 'Root canal treatment', range: [250, 450] },
  { it: 'Igiene dentale professionale', en: 'Professional dental cleaning', range: [60, 100] },
  { it: 'Corona in ceramica', en: 'Ceramic crown', range: [600, 950] },
  { it: 'Estrazione del dente del giudizio', en: 'Wisdom tooth extraction', range: [150, 300] },
];

const CLINICS = [
  'Centro Medico Santagostino',
  'Humanitas Medical Care',
  'Poliambulatorio Dalla Rosa Prati',
  'Casa di Cura Villa Serena',
  'Istituto Auxologico Italiano',
] as const;

const LABS = ['Synlab', 'Centro Diagnostico Italiano', 'Affidea', 'Lifebrain', 'Bianalisi'] as const;

const HOSPITALS = [
  'Humanitas Research Hospital, Rozzano',
  'Ospedale San Raffaele, Milano',
  'Policlinico Universitario A. Gemelli, Roma',
  'Casa di Cura Villa Maria, Padova',
  'Ospedale Evangelico Betania, Napoli',
  'Istituto Clinico Città di Brescia',
] as const;

export function healthClaim(
  rng: Rng,
  lang: Language,
  from: string,
  to: string,
  who: { sex: 'female' | 'male'; surname: () => string; city: string },
): ClaimDraft {
  const kind = rng.weighted([
    ['specialist', 35],
    ['diagnostics', 20],
    ['hospital', 8],
    ['dental', 25],
    ['pharmacy', 12],
  ] as const);
  const fits = (s: Service) => !s.female || who.sex === 'female';
  const incidentDate = randomDate(rng, from, to);
  const later = (max: number) =>
    addDays(incidentDate, rng.int(0, Math.max(0, Math.min(max, daysBetween(incidentDate, to)))));
  const pharmacyLine = (date: string): ClaimLineDraft => ({
    benefitCode: 'PHARMACY',
    description: say(lang, { it: 'Farmaci su prescrizione medica', en: 'Prescription medicines' }),
    serviceDate: date,
    amountMinor: exact(rng, 12, 95),
    provider: rng.chance(0.5)
      ? `Farmacia ${who.surname()}`
      : `Farmacia Comunale ${rng.int(1, 30)}, ${who.city}`,
  });

  if (kind === 'specialist' || kind === 'diagnostics') {
    const visit = rng.pick(VISITS.filter(fits));
    const test = rng.pick(TESTS.filter(fits));
    const clinic = rng.chance(0.4) ? `Studio Medico Dott. ${who.surname()}` : rng.pick(CLINICS);
    const lab = rng.pick(LABS);
    const lines: ClaimLineDraft[] = [];
    if (kind === 'specialist' || rng.chance(0.5)) {
      lines.push({
        benefitCode: 'SPECIALIST_VISIT',
        description: say(lang, visit),
        serviceDate: incidentDate,
        amountMinor: whole(rng, visit.range[0], visit.range[1]),
        provider: clinic,
      });
    }
    if (kind === 'diagnostics' || rng.chance(0.45)) {
      lines.push({
        benefitCode: 'DIAGNOSTICS',
        description: say(lang, test),
        serviceDate: later(14),
        amountMinor: exact(rng, test.range[0], test.range[1]),
        provider: lab,
      });
    }
    if (rng.chance(0.3)) lines.push(pharmacyLine(later(3)));
    const first = lines[0]?.description ?? '';
    return {
      incidentDate,
      description:
        lines.length > 1
          ? say(lang, {
              it: `Richiesta di rimborso: ${first.toLowerCase()} e accertamenti prescritti.`,
              en: `Reimbursement claim: ${first.toLowerCase()} and the tests that were prescribed.`,
            })
          : say(lang, {
              it: `Richiesta di rimborso: ${first.toLowerCase()} presso ${lines[0]?.provider}.`,
              en: `Reimbursement claim: ${first.toLowerCase()} at ${lines[0]?.provider}.`,
            }),
      lines,
    };
  }

  if (kind === 'hospital') {
    const admission = rng.pick(ADMISSIONS);
    const hospital = rng.pick(HOSPITALS);
    const days = rng.int(admission.days[0], admission.days[1]);
    const lines: ClaimLineDraft[] = [
      {
        benefitCode: 'HOSPITAL_STAY',
        description: say(lang, {
          it: `Degenza, ${days} ${days === 1 ? 'giorno' : 'giorni'}`,
          en: `Hospital stay, ${days} ${days === 1 ? 'day' : 'days'}`,
        }),
        serviceDate: incidentDate,
        amountMinor: whole(rng, 450 * days, 900 * days),
        provider: hospital,
      },
      {
        benefitCode: 'HOSPITAL_STAY',
        description: say(lang, { it: 'Onorari medici e chirurgici', en: 'Surgeons’ and doctors’ fees' }),
        serviceDate: incidentDate,
        amountMinor: whole(rng, admission.fee[0], admission.fee[1]),
        provider: hospital,
      },
    ];
    if (rng.chance(0.5)) {
      lines.push({
        benefitCode: 'SPECIALIST_VISIT',
        description: say(lang, { it: 'Visita di controllo post-operatoria', en: 'Follow-up consultation' }),
        serviceDate: later(30),
        amountMinor: whole(rng, 90, 160),
        provider: hospital,
      });
    }
    if (rng.chance(0.4)) lines.push(pharmacyLine(later(5)));
    return {
      incidentDate,
      description: say(lang, {
        it: `Ricovero per ${admission.it} presso ${hospital}.`,
        en: `Admitted for ${admission.en} at ${hospital}.`,
      }),
      lines,
    };
  }

  if (kind === 'dental') {
    const [main, extra] = rng.sample(DENTAL, 2);
    const dentist = rng.chance(0.7) ? `Studio Dentistico Dott. ${who.surname()}` : `DentalPro ${who.city}`;
    const lines: ClaimLineDraft[] = [];
    for (const treatment of rng.chance(0.35) && extra ? [main, extra] : [main]) {
      if (!treatment) continue;
      lines.push({
        benefitCode: 'DENTAL',
        description: say(lang, treatment),
        serviceDate: lines.length === 0 ? incidentDate : later(21),
        amountMinor: whole(rng, treatment.range[0], treatment.range[1]),
        provider: dentist,
      });
    }
    return {
      incidentDate,
      description: say(lang, {
        it: `Rimborso cure odontoiatriche presso ${dentist}.`,
        en: `Reimbursement of dental treatment at ${dentist}.`,
      }),
      lines,
    };
  }

  const lines = [pharmacyLine(incidentDate)];
  if (rng.chance(0.4)) lines.push(pharmacyLine(later(30)));
  return {
    incidentDate,
    description: say(lang, {
      it: 'Rimborso farmaci prescritti dal medico curante (scontrini parlanti allegati).',
      en: 'Reimbursement of medicines prescribed by my GP (itemised receipts attached).',
    }),
    lines,
  };
}

// --- Sickness benefit (SE-SICKNESS, SEK; told in Swedish or English) -----------------------------

const CAUSES: readonly (SvEn & { days: readonly [number, number] })[] = [
  { sv: 'influensa', en: 'influenza', days: [5, 10] },
  { sv: 'ryggskott', en: 'acute lower back pain', days: [7, 21] },
  { sv: 'lunginflammation', en: 'pneumonia', days: [10, 28] },
  { sv: 'en knäoperation', en: 'knee surgery', days: [21, 60] },
  { sv: 'covid-19', en: 'COVID-19', days: [5, 12] },
  { sv: 'magsjuka', en: 'gastroenteritis', days: [2, 5] },
  { sv: 'en fotfraktur', en: 'a fractured foot', days: [28, 56] },
  { sv: 'utmattningssyndrom', en: 'exhaustion disorder', days: [30, 120] },
  { sv: 'halsfluss', en: 'strep throat', days: [4, 8] },
];

const CARE_UNITS = [
  'Vårdcentralen Kungsholmen',
  'Capio Vårdcentral Lund',
  'Närhälsan Majorna vårdcentral',
  'Kry',
  'Min Doktor',
  'Akademiska sjukhuset',
  'Sahlgrenska universitetssjukhuset',
  'Hälsocentralen Ålidhem',
  'Vårdcentralen Husensjö',
] as const;

export function sicknessClaim(rng: Rng, lang: Language, from: string, to: string): ClaimDraft {
  const cause = rng.pick(CAUSES);
  const days = rng.int(cause.days[0], cause.days[1]);
  // The whole period must lie in [from, to].
  const latestStart = addDays(to, -(days - 1));
  const start = latestStart < from ? from : randomDate(rng, from, latestStart);
  const end = addDays(start, Math.max(0, Math.min(days - 1, daysBetween(start, to))));
  const unit = rng.pick(CARE_UNITS);
  const total = daysBetween(start, end) + 1;
  const certified = total >= 8;
  const period = (a: string, b: string): ClaimLineDraft => {
    const n = daysBetween(a, b) + 1;
    return {
      benefitCode: 'SICKNESS_BENEFIT',
      description: say(lang, {
        sv: `Sjukpenning ${a}–${b} (${n} ${n === 1 ? 'dag' : 'dagar'})`,
        en: `Sickness benefit ${a} to ${b} (${n} ${n === 1 ? 'day' : 'days'})`,
      }),
      serviceDate: a,
      amountMinor: 0,
      days: n,
      // The care unit that issued the medical certificate.
      ...(certified ? { provider: unit } : {}),
    };
  };
  // A long absence is usually certified in two steps: the first certificate and an extension.
  const split = total > 21 && rng.chance(0.6) ? addDays(start, rng.int(13, Math.min(total - 2, 30))) : null;
  const lines = split ? [period(start, split), period(addDays(split, 1), end)] : [period(start, end)];
  return {
    incidentDate: start,
    // A medical certificate is needed from the eighth day; shorter absences are self-certified.
    description: certified
      ? say(lang, {
          sv: `Sjukskriven på grund av ${cause.sv} ${start}–${end}. Läkarintyg från ${unit}.`,
          en: `On sick leave because of ${cause.en} from ${start} to ${end}. Medical certificate from ${unit}.`,
        })
      : say(lang, {
          sv: `Sjuk på grund av ${cause.sv} ${start}–${end}, egen sjukförsäkran.`,
          en: `Off sick with ${cause.en} from ${start} to ${end}; self-certified.`,
        }),
    lines,
  };
}
