import unittest

import rtdriver
from rtdriver import RtError
from tests.support import library


class DeviceTests(unittest.TestCase):
    def setUp(self):
        library()

    def test_emulated_nic_info_firmware_registers_and_keys(self):
        with rtdriver.Device("emu:rt2860") as dev:
            info = dev.info()
            self.assertEqual(info.chip_id, 0x2860)
            self.assertEqual(info.bus, rtdriver.BUS_EMULATOR)
            self.assertRegex(info.mac, r"^([0-9a-f]{2}:){5}[0-9a-f]{2}$")
            self.assertIn("2860", info.name)
            dev.load_firmware()
            self.assertTrue(dev.info().firmware_loaded)
            self.assertEqual(dev.read32(0x1000) >> 16, 0x2860)  # MAC_CSR0: chip id in the upper half
            peer = bytes.fromhex("001122334455")   # given as bytes here, as a string below; listed as strings
            placed = dev.set_key(rtdriver.CIPHER_CCMP, bytes(range(16)), addr=peer, flags=rtdriver.KEY_PAIRWISE)
            self.assertIn(placed, (rtdriver.PLACED_HARDWARE, rtdriver.PLACED_SOFTWARE))
            placed = dev.set_key(rtdriver.CIPHER_GCMP, bytes(range(16)), addr="00:11:22:33:44:66")
            self.assertEqual(placed, rtdriver.PLACED_SOFTWARE)  # the chip has no GCMP
            entries = {e.addr: e for e in dev.keys()}
            self.assertEqual(entries["00:11:22:33:44:55"].cipher, rtdriver.CIPHER_CCMP)
            self.assertTrue(entries["00:11:22:33:44:66"].reason)
            # The software twin of the device key protects frames; a plain key plays the peer.
            twin = dev.get_key(peer)
            peer_key = rtdriver.Key(rtdriver.CIPHER_CCMP, bytes(range(16)))
            frame = bytes([0x08, 0x01, 0, 0]) + peer + rtdriver.mac_bytes(info.mac) + peer + b"\x10\x00" + b"\xaa\xaa\x03\x00\x00\x00\x08\x00hello"
            self.assertEqual(peer_key.decrypt(twin.encrypt(frame)), frame)
            twin.close()
            peer_key.close()
            dev.del_key(peer, 0, rtdriver.KEY_PAIRWISE)
            self.assertNotIn("00:11:22:33:44:55", {e.addr for e in dev.keys()})
            status, rtt = dev.mcu_probe(0x30, 0xff, 0xff)
            self.assertGreaterEqual(rtt, 0)

    def test_open_errors_carry_status_and_sentence(self):
        with self.assertRaises(RtError) as ctx:
            rtdriver.Device("emu:rt9999")
        self.assertLess(ctx.exception.status, 0)
        self.assertIn("rt9999", ctx.exception.message)


if __name__ == "__main__":
    unittest.main()
