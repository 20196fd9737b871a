/*
 * Opening a campaign directory: a new one, or an existing one to resume.
 *
 * A new campaign goes into a directory that holds no campaign yet: absent, empty, or holding only what
 * a campaign killed before its first checkpoint leaves (unstarted) — never someone else's files, never
 * an existing campaign without --resume. A campaign writes campaign.json before anything else but its
 * empty corpus/ and findings/ (campaign.ts), so until campaign.json exists a `kill -9` can leave only
 * those two directories and a temporary of campaign.json: nothing worth keeping, and nothing a user wrote.
 *
 * --resume on an unstarted directory has nothing to continue: the campaign starts afresh, with the
 * flags given. Otherwise resuming checks every file before anything is changed; then it removes the
 * temporaries a `kill -9` may have left, trims a torn stats line, and drops the corpus entries found
 * after the last checkpoint (found again, identically).
 */
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileProblem } from '../../io/fileErrors.js';
import { UsageError } from '../../io/usageError.js';
import { isTemporaryName, removeStaleTemporaries, trimTornLastLine } from '../../io/atomicFiles.js';
import { type CampaignState, readCampaignState } from './campaignState.js';
import { corpusDir, dropCorpusFrom, readCorpus, type CorpusEntry } from './corpusStore.js';
import type { FindingRecord } from './findingRecord.js';
import { findingsDir, readFindings } from './findingStore.js';
import { readStats, statsFile } from './statsFile.js';

export function campaignFile(dir: string): string {
  return join(dir, 'campaign.json');
}

export interface ResumedCampaign {
  state: CampaignState;
  corpus: CorpusEntry[];
  findings: FindingRecord[];
}

/**
 * True if `dir` is absent, empty, or holds only what a campaign killed before writing campaign.json
 * leaves: an empty corpus/ and findings/, and temporaries of campaign.json.
 */
export function isUnstartedCampaignDirectory(dir: string): boolean {
  if (!existsSync(dir)) return true;
  if (!statSync(dir).isDirectory()) return false;
  const temporaryOfCampaignFile = `.${basename(campaignFile(dir))}.`;
  return readdirSync(dir).every((name) => {
    if (name.startsWith(temporaryOfCampaignFile) && isTemporaryName(name)) return true;
    const path = join(dir, name);
    return (path === corpusDir(dir) || path === findingsDir(dir)) && statSync(path).isDirectory() && readdirSync(path).length === 0;
  });
}

/** Says why `dir` cannot hold a new campaign, if it cannot; changes nothing. */
export function checkNewCampaignDirectory(dir: string): void {
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) throw new UsageError([`--out ${dir}: exists and is not a directory`]);
    if (existsSync(campaignFile(dir))) {
      throw new UsageError([`--out ${dir}: already holds a campaign; continue it with --resume, or choose another --out`]);
    }
    if (!isUnstartedCampaignDirectory(dir)) throw new UsageError([`--out ${dir}: is not empty and holds no pymem campaign; choose another --out`]);
  }
}

/** A checked directory for a new campaign, the leftovers of an unstarted one removed. */
export function createCampaignDirectory(dir: string): void {
  checkNewCampaignDirectory(dir);
  makeOutputDirectory(dir);
  mkdirSync(corpusDir(dir), { recursive: true });
  mkdirSync(findingsDir(dir), { recursive: true });
  removeStaleTemporaries(dir);
}

/** `mkdir -p` of the directory `--out` names; a path that cannot be one is the user's to fix. */
export function makeOutputDirectory(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new UsageError([`--out ${dir}: cannot create the directory: ${fileProblem(e, true)}`]);
  }
}

/** Reads and checks a campaign directory without changing it (report, merge). */
export function readCampaignDirectory(dir: string): ResumedCampaign {
  if (!existsSync(campaignFile(dir))) throw new UsageError([`${dir}: not a pymem campaign directory (no campaign.json)`]);
  const state = readCampaignState(campaignFile(dir));
  readStats(dir);
  return { state, corpus: readCorpus(dir), findings: readFindings(dir) };
}

/**
 * Reads and checks a campaign directory for --resume; changes nothing (see prepareForResume). Null when
 * the directory is unstarted: there is nothing to resume, and the campaign starts afresh.
 */
export function readForResume(dir: string): ResumedCampaign | null {
  if (!existsSync(campaignFile(dir))) {
    if (isUnstartedCampaignDirectory(dir)) return null;
    throw new UsageError([`--resume: ${dir} holds no campaign (no campaign.json)`]);
  }
  const state = readCampaignState(campaignFile(dir));
  if (state.mergedFrom) throw new UsageError([`--resume: ${dir} was made by pymem merge and cannot be resumed; resume its shards`]);
  const findings = readFindings(dir);
  const corpus = readCorpus(dir);
  readStats(dir);
  return { state, corpus, findings };
}

/** Once everything is checked: temporaries removed, a torn stats line trimmed, the corpus cut back to the checkpoint. */
export function prepareForResume(dir: string, resumed: ResumedCampaign): ResumedCampaign {
  for (const sub of [dir, corpusDir(dir), findingsDir(dir)]) {
    mkdirSync(sub, { recursive: true });
    removeStaleTemporaries(sub);
  }
  if (existsSync(statsFile(dir))) trimTornLastLine(statsFile(dir));
  return { ...resumed, corpus: dropCorpusFrom(dir, resumed.corpus, resumed.state.nextOrdinal) };
}
