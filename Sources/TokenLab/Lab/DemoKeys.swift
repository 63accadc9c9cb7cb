import JOSE

/// Fixed signing keys for the lab. Demo-only: they are printed here, in a
/// public repository, so anyone can sign tokens that verify with them.
///
/// They are fixed rather than generated so a lesson prints the same bytes
/// on every machine. RSA PKCS #1 v1.5 and Ed25519 signatures are
/// deterministic, so a token signed with them is too.
enum DemoKeys {
    /// A 2048-bit RSA key for RS256, made once with
    /// `openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048`.
    static let rsaPEM = """
        -----BEGIN PRIVATE KEY-----
        MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC9JSShasF5C+EC
        eUERiCHYvjOy0oa3/94F27hCq/u3WMzR6i2rCtwFtHH20olm8X4joM8BWzmIe3zZ
        3yYyVf2ilvn0t+BAYPKOTR6XXdJhUXbIbZEBmEA/AYhIp5ucH4Yyw0TGh1iGBp1B
        sFu1GWs3iCX5JALgRMN0H/UEBnAlwIHFYdI5f3jwXw7WVnrHDSDJKqkAeJ2XU1mZ
        TfG5A7lOXW52v8rDpzJ0081ZtxQfDvmaap/WSU/idY89WHsb3RtQnyznrjhYmtX/
        ykIrVPUK37u+q0no4lQ/eDXzSqy0MhQWrA25wTD9cm4oIgUMuh394nPrfZZNMmNT
        n2eb+f7tAgMBAAECggEAXKwMLIJP1Oz7C+k49kwKuVVHoz/+/bwBnkEvIIt/Qy/g
        +qCQS5OAhdMJW3OAGs4LjY1Gn1WA9Nv8KgtpfZQgNz9drIdC+ogFj689Y9B2OXRe
        jIkSWQOtxrELgv2MAox3hfuigNrjhpdLCVpNNIgFvimY4V7Bgfxu/0CBHb3ByNyX
        Qz+USbBYG+Ystsa7Ba+3xeL8gQT6XeQHzP5fzc4+Vfwz82qWPtciu7wqyM1W/W+7
        dGoNXsLpksHbUE1RcrTQThV55JLEexswkTDbqIOHnd0ryj6JsVv/KmBzCa1BdmJY
        P5sWwwPoZVWzY0bBYPEgv5gOyYwx0uxzWkJUub+ySQKBgQDoin5SK61YZfn4hNaU
        wvah8FZxDUjHec8kYlfZTcRUGfumhYVpkZNWoXiPkzs1VkrL+SPPwQKShTJmlmpI
        prZQ/QE5NUAANCWRDS3LYKjqvoPuP0QiCsVIgvItyQ6P5WPoA8zLAhFR2N6UzyjW
        /FfB+YUcT2rJDUSeEXLQNYaMpwKBgQDQOezdHa5lQy5wKXMgxUoxsP3pf+QubcPx
        eKuHgfQFc7ItW1Ky4yt2AjZO4HUknjPuU5BOUI7rwGHWNtSrvI1PUXtqM4R8gB0Y
        VHzCGxcQM+yeo7EL1jka7eCCcpd8Ph7JNsUfnw/yNBNTNXZYLXrq4VOc1LPy50Fi
        iUKm1aImSwKBgEnf1YmdPpCatPLyoIjZ9ygzBgMcSUa1t8zDQU1Tm09sgbnBKUUE
        bl5TJc3W5DRpmZF7MJlLo9mQXxagKluyOrE37y+RbyehaV3PZgD6UC9jHt6NUsPN
        0CbdErrg6LNmGHsY2fKUUZRC5VM5DKxftjF1Z4g64p3EjUv6FxN2Lax5AoGAQ7Qh
        5P9qnfhLGCMSEPy1FBUlag+wZLxB8ri2pRfG/SLSM1c3O30Lu5IakGkBDcf2wK4h
        BKXC4rqp1Rn86l4jYD/xLeXUVRre2vNVoVNnm1gWvrogreWYqb3guumBgd886VXK
        oG56o9j006BVe3RGPCrJofuzCu7QXracmlxqHaMCgYEAgjjW4y6VINeS7qjSDMZl
        lfDgL5zjXMrIWtdyE/DeHr82s6EQaNRuKhqkOHwCEw2juJ0/NM4CRJ7WDuiXfgm2
        xSybtO//7PsVpt3jIGFLLA9G0m0H1HA39FI7ckM75AmbhHz4C5qaSt2Pi3OSoDfc
        Ep6YUTHaA2nLBCUjheLDztk=
        -----END PRIVATE KEY-----
        """

    /// An Ed25519 key for EdDSA, made once with `openssl genpkey -algorithm ed25519`.
    static let ed25519PEM = """
        -----BEGIN PRIVATE KEY-----
        MC4CAQAwBQYDK2VwBCIEIDEjQg8oIYH5breK9S5rSTq8hl8BIsS404BQ4UnR6zpt
        -----END PRIVATE KEY-----
        """

    /// The weak HS256 secret of the forgery lesson: a word from every
    /// dictionary of leaked passwords.
    static let weakSecret = "secret123"

    static func rsa() throws -> AsymmetricKey {
        try AsymmetricKey(pem: rsaPEM, algorithm: .rs256, keyID: "demo-rsa-1")
    }

    static func ed25519() throws -> AsymmetricKey {
        try AsymmetricKey(pem: ed25519PEM, algorithm: .edDSA, keyID: "demo-ed25519-1")
    }
}
