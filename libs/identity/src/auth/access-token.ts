/** Claims of an access token, beside the registered ones (iss, aud, iat, exp). */
export interface AccessTokenClaims {
  /** The user id. */
  sub: string;
  /** The session id: revoking the session ends the token. */
  sid: string;
}

export const ACCESS_TOKEN_ALGORITHM = 'HS256';
