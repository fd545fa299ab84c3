import { FieldEncryption, fieldAad } from '@app/common';
import type { Allegation, Complaint, ComplaintEvent } from '../entities';
import { allowedComplaintActions } from '../lifecycle/complaint-transitions';

export interface AllegationView {
  id: string;
  category: string;
  facts: string;
  occurredOn: string | null;
  amountMinor: string | null;
  currency: string | null;
  finding: string | null;
  findingNote: string | null;
  sanction: Record<string, unknown> | null;
}

export interface TimelineEntry {
  kind: string;
  fromStage: string | null;
  toStage: string | null;
  body: string | null;
  visibility: 'internal' | 'shared';
  at: string;
}

export interface DeadlineSummary {
  kind: string;
  dueAt: string;
  state: string;
}

/** What every party may see of a case. */
interface BaseView {
  id: string;
  reference: string;
  stage: string;
  outcome: string | null;
  priority: string;
  allegations: AllegationView[];
  hearing: Complaint['hearing'];
  settlement: Complaint['settlement'];
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** Ministry staff: everything, the complainant's details decrypted (each such read is audited by the caller). */
export interface StaffComplaintView extends BaseView {
  source: string;
  channel: string;
  urgentReasons: string[];
  agencyId: string | null;
  recruiterGiven: string | null;
  employerName: string | null;
  destinationCountry: string | null;
  placementId: string | null;
  refundOrderIds: string[];
  assignedTo: string | null;
  inSupervisorQueue: boolean;
  complainant: { userId: string | null; name: string | null; email: string | null; phone: string | null; anonymous: boolean; identityProtected: boolean; workerAbroad: boolean; language: string };
  referralTarget: string | null;
  closeReason: string | null;
  agencyAnswer: string | null;
  conciliationExtended: boolean;
  timeline: TimelineEntry[];
  deadlines: DeadlineSummary[];
  allowedActions: string[];
  kind: string;
  /** Other cases against the same agency (linked), newest first. */
  linkedCases: { id: string; reference: string; kind: string; stage: string; createdAt: string }[];
  feeCheck: Complaint['feeCheck'];
}

/** The agency: allegations, shared notes, what it must answer. Never contact details; no identity when protected. */
export interface AgencyComplaintView extends BaseView {
  complainantName: string | null;
  employerName: string | null;
  agencyAnswer: string | null;
  timeline: TimelineEntry[];
  deadlines: DeadlineSummary[];
}

/** The complainant: where the case is, what happens next and by when, shared notes, the decision. */
export interface WorkerComplaintView extends BaseView {
  nextStep: { what: string; by: string | null };
  timeline: TimelineEntry[];
  language: string;
}

const allegationView = (a: Allegation): AllegationView => ({
  id: a.id,
  category: a.category,
  facts: a.facts,
  occurredOn: a.occurredOn,
  amountMinor: a.amountMinor,
  currency: a.currency?.trim() ?? null,
  finding: a.finding,
  findingNote: a.findingNote,
  sanction: a.sanction,
});

const timelineEntry = (e: ComplaintEvent): TimelineEntry => ({ kind: e.kind, fromStage: e.fromStage, toStage: e.toStage, body: e.body, visibility: e.visibility, at: e.at.toISOString() });

const base = (c: Complaint, allegations: Allegation[]): BaseView => ({
  id: c.id,
  reference: c.reference,
  stage: c.stage,
  outcome: c.outcome,
  priority: c.priority,
  allegations: allegations.map(allegationView),
  hearing: c.hearing,
  settlement: c.settlement,
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
  version: c.version,
});

export function staffView(c: Complaint, allegations: Allegation[], events: ComplaintEvent[], deadlines: DeadlineSummary[], crypto: FieldEncryption, linkedCases: StaffComplaintView['linkedCases']): StaffComplaintView {
  const dec = (v: string | null, field: string) => (v ? crypto.decrypt(v, fieldAad('complaint', c.id, field)) : null);
  return {
    ...base(c, allegations),
    source: c.source,
    channel: c.channel,
    urgentReasons: c.urgentReasons,
    agencyId: c.agencyId,
    recruiterGiven: c.recruiterGiven,
    employerName: c.employerName,
    destinationCountry: c.destinationCountry,
    placementId: c.placementId,
    refundOrderIds: c.refundOrderIds,
    assignedTo: c.assignedTo,
    inSupervisorQueue: c.inSupervisorQueue,
    complainant: {
      userId: c.complainantUserId,
      name: dec(c.complainantNameEnc, 'complainant_name'),
      email: dec(c.contactEmailEnc, 'contact_email'),
      phone: dec(c.contactPhoneEnc, 'contact_phone'),
      anonymous: c.anonymous,
      identityProtected: c.identityProtected,
      workerAbroad: c.workerAbroad,
      language: c.language,
    },
    referralTarget: c.referralTarget,
    closeReason: c.closeReason,
    agencyAnswer: c.agencyAnswer,
    conciliationExtended: c.conciliationExtended,
    timeline: events.map(timelineEntry),
    deadlines,
    allowedActions: allowedComplaintActions(c.stage),
    kind: c.kind,
    linkedCases,
    feeCheck: c.feeCheck,
  };
}

const AGENCY_DEADLINES = ['complaint.agency-answer', 'complaint.appeal-window', 'complaint.settlement-compliance', 'complaint.conciliation'];

export function agencyView(c: Complaint, allegations: Allegation[], events: ComplaintEvent[], deadlines: DeadlineSummary[], crypto: FieldEncryption): AgencyComplaintView {
  const name = !c.identityProtected && c.complainantNameEnc ? crypto.decrypt(c.complainantNameEnc, fieldAad('complaint', c.id, 'complainant_name')) : null;
  return {
    ...base(c, allegations),
    complainantName: name,
    employerName: c.employerName,
    agencyAnswer: c.agencyAnswer,
    timeline: events.filter((e) => e.visibility === 'shared').map(timelineEntry),
    deadlines: deadlines.filter((d) => AGENCY_DEADLINES.includes(d.kind)),
  };
}

/** What happens next, per stage, in the complainant's language (en, fil, id, ne). */
const NEXT: Record<string, Record<string, string>> = {
  en: {
    submitted: 'An officer reviews your complaint and decides how it will be handled.',
    conciliation: 'A ministry officer arranges a meeting with the agency to settle the complaint.',
    settled: 'The agency must do what it agreed by the date shown.',
    adjudication: 'An officer will decide the case; you may be invited to a hearing.',
    decided: 'Either side may appeal until the date shown; then the decision takes effect.',
    appealed: 'The appeal is being decided.',
    closed: 'The case is closed.',
  },
  fil: {
    submitted: 'Sinusuri ng isang opisyal ang iyong reklamo at magpapasya kung paano ito hahawakan.',
    conciliation: 'Mag-aayos ang isang opisyal ng ministeryo ng pulong kasama ang ahensya para maayos ang reklamo.',
    settled: 'Dapat gawin ng ahensya ang napagkasunduan bago ang petsang nakasaad.',
    adjudication: 'Isang opisyal ang magpapasya sa kaso; maaari kang imbitahan sa isang pagdinig.',
    decided: 'Maaaring umapela ang alinmang panig hanggang sa petsang nakasaad; pagkatapos ay magkakabisa ang desisyon.',
    appealed: 'Pinagpapasyahan na ang apela.',
    closed: 'Sarado na ang kaso.',
  },
  id: {
    submitted: 'Seorang petugas memeriksa pengaduan Anda dan memutuskan cara menanganinya.',
    conciliation: 'Petugas kementerian mengatur pertemuan dengan agensi untuk menyelesaikan pengaduan.',
    settled: 'Agensi harus melakukan apa yang telah disepakati sebelum tanggal yang tertera.',
    adjudication: 'Seorang petugas akan memutuskan kasus ini; Anda mungkin diundang ke sidang.',
    decided: 'Kedua pihak dapat mengajukan banding sampai tanggal yang tertera; setelah itu keputusan berlaku.',
    appealed: 'Banding sedang diputuskan.',
    closed: 'Kasus sudah ditutup.',
  },
  ne: {
    submitted: 'एक अधिकारीले तपाईंको उजुरी हेर्दै हुनुहुन्छ र यसलाई कसरी अगाडि बढाउने निर्णय गर्नुहुनेछ।',
    conciliation: 'मन्त्रालयका अधिकारीले उजुरी मिलाउन एजेन्सीसँग बैठक मिलाउनुहुनेछ।',
    settled: 'एजेन्सीले तोकिएको मितिभित्र सहमति भएअनुसार गर्नुपर्छ।',
    adjudication: 'एक अधिकारीले मुद्दाको निर्णय गर्नुहुनेछ; तपाईंलाई सुनुवाइमा बोलाइन सक्छ।',
    decided: 'दुवै पक्षले तोकिएको मितिसम्म पुनरावेदन गर्न सक्छन्; त्यसपछि निर्णय लागू हुन्छ।',
    appealed: 'पुनरावेदनको निर्णय हुँदैछ।',
    closed: 'मुद्दा बन्द भएको छ।',
  },
};

export function workerView(c: Complaint, allegations: Allegation[], events: ComplaintEvent[], deadlines: DeadlineSummary[]): WorkerComplaintView {
  const relevant = deadlines.filter((d) => d.state !== 'met' && d.state !== 'cancelled').sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  return {
    ...base(c, allegations),
    nextStep: { what: (NEXT[c.language] ?? NEXT.en)[c.stage], by: c.stage === 'closed' ? null : (relevant[0]?.dueAt ?? null) },
    timeline: events.filter((e) => e.visibility === 'shared').map(timelineEntry),
    language: c.language,
  };
}
