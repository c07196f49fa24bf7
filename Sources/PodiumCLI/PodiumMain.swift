public enum PodiumMain { public static func run() {} }
