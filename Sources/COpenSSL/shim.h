// The parts of OpenSSL 3's libcrypto that TokenLab calls: EVP digests and
// MACs, key derivation (PBKDF2, scrypt), RAND_bytes, CRYPTO_memcmp and the
// error queue.
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/params.h>
#include <openssl/rand.h>
