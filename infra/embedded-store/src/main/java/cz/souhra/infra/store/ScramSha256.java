package cz.souhra.infra.store;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The server's side of SCRAM-SHA-256 (RFC 5802, RFC 7677) for one user, as the MongoDB driver speaks it
 * ({@code saslStart}, {@code saslContinue}, and the same start inside {@code hello} as
 * {@code speculativeAuthenticate}). mongo-java-server has no authentication of its own. The server keeps
 * only StoredKey and ServerKey, derived once per process from the secret with a fresh salt; the driver
 * derives its keys once per client and salt (15,000 PBKDF2 rounds, MongoDB's default, ~10 ms), so a new
 * connection costs two round trips and a few HMACs.
 */
final class ScramSha256 {

    static final String MECHANISM = "SCRAM-SHA-256";
    static final int ITERATIONS = 15_000;
    private static final String HMAC = "HmacSHA256";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String user;
    private final byte[] salt;
    private final byte[] storedKey;
    private final byte[] serverKey;

    /** What the server said in the first step, kept for the proof of the second. */
    record Conversation(String gs2Header, String clientFirstBare, String serverFirst, String nonce) {}

    /** The client's proof was right: the payload proves the server's knowledge of the secret back. */
    record Verified(byte[] serverFinal) {}

    ScramSha256(String user, String secret) {
        this.user = user;
        this.salt = new byte[16];
        RANDOM.nextBytes(salt);
        try {
            byte[] salted = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(secret.toCharArray(), salt, ITERATIONS, 256)).getEncoded();
            this.storedKey = MessageDigest.getInstance("SHA-256").digest(hmac(salted, "Client Key".getBytes(StandardCharsets.UTF_8)));
            this.serverKey = hmac(salted, "Server Key".getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SCRAM-SHA-256 needs PBKDF2WithHmacSHA256 and HmacSHA256", e);
        }
    }

    /**
     * Answers the client's first message ({@code n,,n=user,r=nonce}) with the salt, the iteration count and
     * the nonce extended by the server's part; null if the message is malformed or names another user.
     */
    Conversation start(byte[] clientFirst) {
        String message = new String(clientFirst, StandardCharsets.UTF_8);
        // gs2 header: "n,," (no channel binding) or "y,," (client could, thinks the server cannot); never "p=".
        if (!(message.startsWith("n,,") || message.startsWith("y,,"))) {
            return null;
        }
        String bare = message.substring(3);
        Map<String, String> attributes = attributes(bare);
        String clientNonce = attributes.get("r");
        if (!user.equals(unescape(attributes.get("n"))) || clientNonce == null || clientNonce.isEmpty() || attributes.containsKey("m")) {
            return null;
        }
        byte[] serverPart = new byte[24];
        RANDOM.nextBytes(serverPart);
        String nonce = clientNonce + Base64.getEncoder().withoutPadding().encodeToString(serverPart);
        String serverFirst = "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(salt) + ",i=" + ITERATIONS;
        return new Conversation(message.substring(0, 3), bare, serverFirst, nonce);
    }

    /**
     * Checks the client's final message ({@code c=biws,r=nonce,p=proof}): the proof must come from the
     * secret. Null if it does not, or if the message does not continue this conversation.
     */
    Verified finish(Conversation conversation, byte[] clientFinal) {
        String message = new String(clientFinal, StandardCharsets.UTF_8);
        int proofAt = message.lastIndexOf(",p=");
        if (proofAt < 0) {
            return null;
        }
        String withoutProof = message.substring(0, proofAt);
        Map<String, String> attributes = attributes(withoutProof);
        String binding = Base64.getEncoder().encodeToString(conversation.gs2Header().getBytes(StandardCharsets.UTF_8));
        if (!binding.equals(attributes.get("c")) || !conversation.nonce().equals(attributes.get("r"))) {
            return null;
        }
        byte[] proof;
        try {
            proof = Base64.getDecoder().decode(message.substring(proofAt + 3));
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (proof.length != storedKey.length) {
            return null;
        }
        byte[] authMessage = (conversation.clientFirstBare() + "," + conversation.serverFirst() + "," + withoutProof)
                .getBytes(StandardCharsets.UTF_8);
        byte[] clientSignature = hmac(storedKey, authMessage);
        byte[] clientKey = new byte[proof.length];
        for (int i = 0; i < proof.length; i++) {
            clientKey[i] = (byte) (proof[i] ^ clientSignature[i]);
        }
        byte[] candidate;
        try {
            candidate = MessageDigest.getInstance("SHA-256").digest(clientKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        if (!MessageDigest.isEqual(candidate, storedKey)) {
            return null;
        }
        String serverFinal = "v=" + Base64.getEncoder().encodeToString(hmac(serverKey, authMessage));
        return new Verified(serverFinal.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> attributes(String message) {
        Map<String, String> out = new HashMap<>();
        for (String pair : message.split(",")) {
            int eq = pair.indexOf('=');
            if (eq == 1) {
                out.putIfAbsent(pair.substring(0, 1), pair.substring(2));
            }
        }
        return out;
    }

    /** SCRAM escapes ',' and '=' in the user name. */
    private static String unescape(String name) {
        return name == null ? null : name.replace("=2C", ",").replace("=3D", "=");
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
