import { execFileSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { sha512Crypt } from '../../../dsl/template/sha512-crypt.js';
import { Templar } from '../../../dsl/template/templar.js';

const templar = new Templar();
const ev = (expression: string, vars: Record<string, unknown> = {}) => templar.evaluate(expression, vars);

describe("Ansible's text, size, URL, time and password filters", () => {
  test('regex_findall returns matches, the group, or lists of groups as re.findall does', () => {
    expect(ev("'a1 b22' | regex_findall('\\d+')")).toEqual(['1', '22']);
    expect(ev("'k=v, x=y' | regex_findall('(\\w)=(\\w)')")).toEqual([
      ['k', 'v'],
      ['x', 'y'],
    ]);
    expect(ev("'ab' | regex_findall('(x)?b')")).toEqual(['']);
    expect(ev("'Aa\naa' | regex_findall('^a+', ignorecase=True, multiline=True)")).toEqual(['Aa', 'aa']);
    expect(ev("'id: 7' | regex_findall('(?P<n>\\d)')")).toEqual(['7']);
  });

  test('splitext splits the last extension as os.path.splitext', () => {
    expect(ev("'/a/b.tar.gz' | splitext")).toEqual(['/a/b.tar', '.gz']);
    expect(ev("'.bashrc' | splitext")).toEqual(['.bashrc', '']);
    expect(ev("'dir.d/file' | splitext")).toEqual(['dir.d/file', '']);
  });

  test('urlsplit returns every part, or the one asked for', () => {
    expect(ev("'https://me:pw@Example.COM:8443/p/a?q=1#top' | urlsplit")).toEqual({
      fragment: 'top',
      hostname: 'example.com',
      netloc: 'me:pw@Example.COM:8443',
      password: 'pw',
      path: '/p/a',
      port: 8443,
      query: 'q=1',
      scheme: 'https',
      username: 'me',
    });
    expect(ev("'http://h/x' | urlsplit('port')")).toBe(null);
    expect(ev("'http://[::1]:80/' | urlsplit('hostname')")).toBe('::1');
    expect(() => ev("'http://h/' | urlsplit('host')")).toThrow(/unknown URL component/);
  });

  test('human_readable and human_to_bytes match module_utils formatters', () => {
    expect(ev('1024 | human_readable')).toBe('1.00 KB');
    expect(ev('10 | human_readable')).toBe('10.00 Bytes');
    expect(ev('1048576 | human_readable(isbits=True)')).toBe('1.00 Mb');
    expect(ev('1048576 | human_readable(unit="K")')).toBe('1024.00 KB');
    expect(ev("'2K' | human_to_bytes")).toBe(2048);
    expect(ev("'1.5 MB' | human_to_bytes")).toBe(1572864);
    expect(ev("'10' | human_to_bytes(default_unit='M')")).toBe(10485760);
    expect(ev("'1Mb' | human_to_bytes(isbits=True)")).toBe(1048576);
    expect(() => ev("'1Mb' | human_to_bytes")).toThrow(/expect MB or M/);
  });

  test('password_hash makes SHA-512 crypt hashes that openssl and the specification agree on', () => {
    expect(sha512Crypt('Hello world!', 'saltstring')).toBe(
      '$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1',
    );
    expect(sha512Crypt('Hello world!', 'saltstringsaltstring', 10000)).toBe(
      '$6$rounds=10000$saltstringsaltst$OW1/O6BYHV6BcXZu8QVeXbDWra3Oeqh0sbHbbMCVNSnCM/UrjmM0Dp8vOuZeHBy/YTBmSK6H9qs/y3RnOaw5v.',
    );
    const hashed = ev("'s3cr3t pässword' | password_hash('sha512', 'AbCd./0123456789')");
    const openssl = execFileSync(
      'openssl',
      ['passwd', '-6', '-salt', 'AbCd./0123456789', 's3cr3t pässword'],
      {
        encoding: 'utf8',
        timeout: 10_000,
      },
    ).trim();
    expect(hashed).toBe(openssl);
    expect(ev("'x' | password_hash") as string).toMatch(/^\$6\$[./0-9A-Za-z]{16}\$[./0-9A-Za-z]{86}$/);
    expect(() => ev("'x' | password_hash('des')")).toThrow(/crypt.crypt does not support 'des' algorithm/);
  });

  test('password_hash makes MD5 and SHA-256 crypt hashes as openssl does, with salt and rounds as Ansible builds them', () => {
    const openssl = (...args: string[]) =>
      execFileSync('openssl', ['passwd', ...args], { encoding: 'utf8', timeout: 10_000 }).trim();
    expect(ev("'pässwörd' | password_hash('md5', 'abcdefgh')")).toBe(
      openssl('-1', '-salt', 'abcdefgh', 'pässwörd'),
    );
    expect(ev("'hey' | password_hash('sha256', 'ab', rounds=5000)")).toBe(
      '$5$rounds=5000$ab$lcJsfDMKWhl0tnV.AlfCFVhkXm6PECt8m.QZf/ltNd.',
    );
    // the scheme's implicit rounds are left out of the setting, so crypt(3) uses its own default (5000)
    expect(ev("'hey' | password_hash('sha256', 'ab', rounds=535000)")).toBe(
      openssl('-5', '-salt', 'ab', 'hey'),
    );
    // settings crypt(3) cannot read give its failure token, which Ansible returns as the hash
    expect(ev("'hey' | password_hash('sha512', 'abc', rounds=10)")).toBe('*0');
    expect(ev("'hey' | password_hash('blowfish')")).toBe('*0');
    expect(ev("'hey' | password_hash('sha512', 'abc', ident='x')")).toBe('*0');
    expect(ev("'hey' | password_hash('md5', 'abc', rounds=3)")).toBe('$1$rounds=3$W.5oxjDAz5eu9GWHY8/iW0');
    expect(() => ev("'hey' | password_hash('sha256', salt_size=20)")).toThrow(/invalid salt size/);
    expect(() => ev("'hey' | password_hash(salt_size=[999])")).toThrow(/'list' object cannot be interpreted/);
    expect(() => ev("'hey' | password_hash('md5', 'ab$c')")).toThrow(/invalid characters in salt/);
  });

  test('to_datetime parses with strptime formats and strftime formats epoch seconds', () => {
    expect(ev("('2024-02-29 13:14:15' | to_datetime).strftime('%d %b %Y, %I:%M %p')")).toBe(
      '29 Feb 2024, 01:14 PM',
    );
    expect(ev("('29/02/24' | to_datetime('%d/%m/%y')).year")).toBe(2024);
    expect(templar.render("{{ '2024-02-29 13:14:15' | to_datetime }}!", {})).toBe('2024-02-29 13:14:15!');
    expect(() => ev("'2024-02-30' | to_datetime('%Y-%m-%d')")).toThrow(/out of range/);
    expect(() => ev("'tomorrow' | to_datetime")).toThrow(/does not match format/);
    expect(ev("'%Y-%m-%d %H:%M:%S %j %a' | strftime(86400 * 59, utc=True)")).toBe(
      '1970-03-01 00:00:00 060 Sun',
    );
    expect(ev("'%s' | strftime(1700000000)")).toBe('1700000000');
  });
});
