/*
 * What went wrong with a file, in plain words rather than Node's error codes: a user who typed a
 * wrong path should read "no such file", not "ENOENT".
 */

const READING: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'it is a directory, not a file',
  ENOTDIR: 'a part of its path is a file, not a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'the name is too long',
};

const WRITING: Record<string, string> = {
  ...READING,
  ENOENT: 'its directory does not exist',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EEXIST: 'it already exists',
};

/** `e`, a Node file-system error, as a few words; an unknown code keeps Node's own message. */
export function fileProblem(e: unknown, writing = false): string {
  const code = (e as NodeJS.ErrnoException).code;
  const words = code === undefined ? undefined : (writing ? WRITING : READING)[code];
  return words ?? (e as Error).message;
}
