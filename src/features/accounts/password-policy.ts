// What makes a password acceptable (NCSC and NIST SP 800-63B): at least 12 characters, any
// characters at all, and not one that attackers try first. No composition rules.

// Passwords of 12 characters or more that head public breach-frequency lists, with the
// patterns people reach for when told "at least 12 characters".
const COMMON = new Set(
  [
    '123456789012', '1234567890123', '12345678901234', '123456123456', '111111111111', '000000000000',
    '123123123123', '121212121212', '987654321098', '098765432109', '112233445566', '147258369147',
    'password1234', 'password12345', 'password123456', 'passwordpassword', 'password123!', 'password!123',
    'qwertyuiop12', 'qwertyuiopas', 'qwertyuiopasdfgh', 'qwerty123456', 'qwertyqwerty', '1qaz2wsx3edc',
    '1q2w3e4r5t6y', 'q1w2e3r4t5y6', 'asdfghjkl123', 'asdfasdfasdf', 'zxcvbnm12345', 'abcdefghijkl',
    'abcd1234abcd', 'abc123abc123', 'iloveyou1234', 'letmein12345', 'welcome12345', 'welcome123456',
    'changeme1234', 'trustno11234', 'sunshine1234', 'football1234', 'baseball1234', 'superman1234',
    'monkey123456', 'dragon123456', 'princess1234', 'starwars1234', 'whatever1234', 'computer1234',
    'administrator', 'administrator1', 'admin1234567', 'adminadmin123', 'passw0rd1234', 'p@ssw0rd1234',
    'p@ssword1234', 'mypassword123', 'mypassword1234', 'secretpassword', 'thisismypassword', 'letmeinplease',
    'nhsnhsnhsnhs', 'nhspassword1', 'nhspassword123', 'password2024', 'password2025', 'password2026',
    'summer202412', 'winter202412', 'spring202412', 'autumn202412', 'correcthorsebatterystaple',
  ].map((p) => p.toLowerCase()),
);

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

/** Returns what is wrong with a new password, in words for the person, or undefined. */
export function passwordProblem(password: string, context: { email?: string } = {}): string | undefined {
  if (password.length === 0) return 'Enter a password';
  // Count characters, not UTF-16 units: an emoji is one character.
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return `Password must be ${MIN_PASSWORD_LENGTH} characters or more`;
  if (length > MAX_PASSWORD_LENGTH) return `Password must be ${MAX_PASSWORD_LENGTH} characters or fewer`;
  const lower = password.toLowerCase();
  if (COMMON.has(lower) || new Set(lower).size <= 2) {
    return 'That password is too easy to guess. Try three random words together';
  }
  const local = context.email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && lower.includes(local)) return 'Password must not contain your email address';
  return undefined;
}
