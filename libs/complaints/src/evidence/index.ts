export {
  CaseClosedException,
  ComplaintEvidence,
  EVIDENCE_KINDS,
  EVIDENCE_OWNER_TYPE,
  evidenceParty,
  evidenceVisibility,
  evidenceVisibleTo,
} from './complaint-evidence.service';
export type {
  EvidenceContext,
  EvidenceDoor,
  EvidenceKind,
  EvidenceListQuery,
  EvidenceParty,
  EvidenceView,
  MinistryDoor,
  StaffEvidenceView,
} from './complaint-evidence.service';
