namespace RtDriver.Emulation;

/// <summary>
/// An Intel 8051 core: all 255 defined opcodes (0xA5 is undefined and stops the core), 128
/// bytes of SFR space, 256 bytes of internal RAM, register banks, the bit space, MOVC from the
/// code array and MOVX through callbacks (the emulated chip maps XDATA onto its register
/// space). Not modelled: interrupts, timers, the serial port and power-down modes — the project's
/// open image does not use them (it polls), and nothing else is executed on this core.
/// Cycle accuracy is not a goal: one step is one instruction.
/// </summary>
public sealed class I8051
{
    public const byte ACC = 0xE0, B = 0xF0, PSW = 0xD0, SP = 0x81, DPL = 0x82, DPH = 0x83, P2 = 0xA0;
    private const byte CY = 0x80, AC = 0x40, OV = 0x04;

    private readonly byte[] _code;
    private readonly byte[] _iram = new byte[256];
    private readonly byte[] _sfr = new byte[128];
    private readonly Func<ushort, byte> _xread;
    private readonly Action<ushort, byte> _xwrite;

    public ushort PC { get; set; }
    public bool Halted { get; private set; }
    public string? HaltReason { get; private set; }
    public long Instructions { get; private set; }

    public I8051(byte[] code, Func<ushort, byte> xdataRead, Action<ushort, byte> xdataWrite)
    {
        _code = code;
        _xread = xdataRead;
        _xwrite = xdataWrite;
        Reset();
    }

    public void Reset()
    {
        Array.Clear(_iram);
        Array.Clear(_sfr);
        _sfr[SP - 0x80] = 0x07;
        _sfr[0x80 - 0x80] = _sfr[0x90 - 0x80] = _sfr[0xA0 - 0x80] = _sfr[0xB0 - 0x80] = 0xFF; // ports
        PC = 0;
        Halted = false;
        HaltReason = null;
    }

    // ---- memory spaces ----
    public byte A { get => _sfr[ACC - 0x80]; set => _sfr[ACC - 0x80] = value; }
    private byte Psw { get => _sfr[PSW - 0x80]; set => _sfr[PSW - 0x80] = value; }
    public ushort Dptr
    {
        get => (ushort)(_sfr[DPH - 0x80] << 8 | _sfr[DPL - 0x80]);
        set { _sfr[DPH - 0x80] = (byte)(value >> 8); _sfr[DPL - 0x80] = (byte)value; }
    }
    private bool Carry
    {
        get => (Psw & CY) != 0;
        set => Psw = (byte)(value ? Psw | CY : Psw & ~CY);
    }

    public byte Iram(int address) => _iram[address & 0xFF];

    private byte Code(int address) => address < _code.Length ? _code[address] : (byte)0xFF;
    private byte Fetch() => Code(PC++);
    private int RegAddress(int n) => (Psw & 0x18) + n;
    private byte R(int n) => _iram[RegAddress(n)];
    private void SetR(int n, byte v) => _iram[RegAddress(n)] = v;

    public byte ReadDirect(byte address)
    {
        if (address < 0x80) return _iram[address];
        if (address == PSW) return (byte)((Psw & 0xFE) | Parity(A));
        return _sfr[address - 0x80];
    }

    public void WriteDirect(byte address, byte value)
    {
        if (address < 0x80) _iram[address] = value;
        else _sfr[address - 0x80] = value;
    }

    private static byte Parity(byte v)
    {
        v ^= (byte)(v >> 4); v ^= (byte)(v >> 2); v ^= (byte)(v >> 1);
        return (byte)(v & 1);
    }

    private (byte addr, byte mask) BitLocation(byte bit) =>
        bit < 0x80 ? ((byte)(0x20 + (bit >> 3)), (byte)(1 << (bit & 7))) : ((byte)(bit & 0xF8), (byte)(1 << (bit & 7)));

    private bool ReadBit(byte bit)
    {
        var (a, m) = BitLocation(bit);
        return (ReadDirect(a) & m) != 0;
    }

    private void WriteBit(byte bit, bool value)
    {
        var (a, m) = BitLocation(bit);
        byte v = a == PSW ? Psw : ReadDirect(a);
        WriteDirect(a, (byte)(value ? v | m : v & ~m));
    }

    private void Push(byte v)
    {
        byte sp = (byte)(_sfr[SP - 0x80] + 1);
        _sfr[SP - 0x80] = sp;
        _iram[sp] = v;
    }

    private byte Pop()
    {
        byte sp = _sfr[SP - 0x80];
        _sfr[SP - 0x80] = (byte)(sp - 1);
        return _iram[sp];
    }

    private void Rel(byte offset) => PC = (ushort)(PC + (sbyte)offset);

    // ---- arithmetic with flags ----
    private void Add(byte operand, bool withCarry)
    {
        int c = withCarry && Carry ? 1 : 0;
        int a = A;
        int r = a + operand + c;
        byte psw = (byte)(Psw & ~(CY | AC | OV));
        if (r > 0xFF) psw |= CY;
        if ((a & 0xF) + (operand & 0xF) + c > 0xF) psw |= AC;
        if (((a ^ r) & (operand ^ r) & 0x80) != 0) psw |= OV;
        Psw = psw;
        A = (byte)r;
    }

    private void Subb(byte operand)
    {
        int c = Carry ? 1 : 0;
        int a = A;
        int r = a - operand - c;
        byte psw = (byte)(Psw & ~(CY | AC | OV));
        if (r < 0) psw |= CY;
        if ((a & 0xF) - (operand & 0xF) - c < 0) psw |= AC;
        if (((a ^ operand) & (a ^ r) & 0x80) != 0) psw |= OV;
        Psw = psw;
        A = (byte)r;
    }

    /// <summary>Runs up to <paramref name="count"/> instructions (stops early if the core halts).</summary>
    public void Run(long count)
    {
        for (long i = 0; i < count && !Halted; i++) Step();
    }

    /// <summary>Executes one instruction.</summary>
    public void Step()
    {
        if (Halted) return;
        Instructions++;
        ushort at = PC;
        byte op = Fetch();
        int n = op & 7;      // Rn for the x8..xF rows
        int i = op & 1;      // Ri for the x6/x7 rows
        switch (op)
        {
            case 0x00: break;                                               // NOP
            case 0x02: { int h = Fetch(); PC = (ushort)(h << 8 | Fetch()); break; } // LJMP
            case 0x12: { int h = Fetch(); int l = Fetch(); Push((byte)PC); Push((byte)(PC >> 8)); PC = (ushort)(h << 8 | l); break; } // LCALL
            case 0x03: A = (byte)(A >> 1 | A << 7); break;                  // RR A
            case 0x13: { bool c = (A & 1) != 0; A = (byte)(A >> 1 | (Carry ? 0x80 : 0)); Carry = c; break; } // RRC A
            case 0x23: A = (byte)(A << 1 | A >> 7); break;                  // RL A
            case 0x33: { bool c = (A & 0x80) != 0; A = (byte)(A << 1 | (Carry ? 1 : 0)); Carry = c; break; } // RLC A
            case 0x04: A++; break;
            case 0x05: { byte d = Fetch(); WriteDirect(d, (byte)(ReadDirect(d) + 1)); break; }
            case 0x06: case 0x07: _iram[R(i)]++; break;
            case 0x14: A--; break;
            case 0x15: { byte d = Fetch(); WriteDirect(d, (byte)(ReadDirect(d) - 1)); break; }
            case 0x16: case 0x17: _iram[R(i)]--; break;
            case 0x10: { byte b = Fetch(); byte r = Fetch(); if (ReadBit(b)) { WriteBit(b, false); Rel(r); } break; } // JBC
            case 0x20: { byte b = Fetch(); byte r = Fetch(); if (ReadBit(b)) Rel(r); break; }  // JB
            case 0x30: { byte b = Fetch(); byte r = Fetch(); if (!ReadBit(b)) Rel(r); break; } // JNB
            case 0x40: { byte r = Fetch(); if (Carry) Rel(r); break; }      // JC
            case 0x50: { byte r = Fetch(); if (!Carry) Rel(r); break; }     // JNC
            case 0x60: { byte r = Fetch(); if (A == 0) Rel(r); break; }     // JZ
            case 0x70: { byte r = Fetch(); if (A != 0) Rel(r); break; }     // JNZ
            case 0x80: { byte r = Fetch(); Rel(r); break; }                 // SJMP
            case 0x22: case 0x32: { int h = Pop(); PC = (ushort)(h << 8 | Pop()); break; } // RET, RETI
            case 0x24: Add(Fetch(), false); break;
            case 0x25: Add(ReadDirect(Fetch()), false); break;
            case 0x26: case 0x27: Add(_iram[R(i)], false); break;
            case 0x34: Add(Fetch(), true); break;
            case 0x35: Add(ReadDirect(Fetch()), true); break;
            case 0x36: case 0x37: Add(_iram[R(i)], true); break;
            case 0x42: { byte d = Fetch(); WriteDirect(d, (byte)(ReadDirect(d) | A)); break; } // ORL dir,A
            case 0x43: { byte d = Fetch(); WriteDirect(d, (byte)(ReadDirect(d) | Fetch())); break; }
            case 0x44: A |= Fetch(); break;
            case 0x45: A |= ReadDirect(Fetch()); break;
            case 0x46: case 0x47: A |= _iram[R(i)]; break;
            case 0x52: { byte d = Fetch(); WriteDirect(d, (byte)(ReadDirect(d) & A)); break; } // ANL
            case 0x53: { byte d = Fetch(); WriteDirect(d, (byte)(ReadDirect(d) & Fetch())); break; }
            case 0x54: A &= Fetch(); break;
            case 0x55: A &= ReadDirect(Fetch()); break;
            case 0x56: case 0x57: A &= _iram[R(i)]; break;
            case 0x62: { byte d = Fetch(); WriteDirect(d, (byte)(ReadDirect(d) ^ A)); break; } // XRL
            case 0x63: { byte d = Fetch(); WriteDirect(d, (byte)(ReadDirect(d) ^ Fetch())); break; }
            case 0x64: A ^= Fetch(); break;
            case 0x65: A ^= ReadDirect(Fetch()); break;
            case 0x66: case 0x67: A ^= _iram[R(i)]; break;
            case 0x72: Carry |= ReadBit(Fetch()); break;                    // ORL C,bit
            case 0x73: PC = (ushort)(A + Dptr); break;                      // JMP @A+DPTR
            case 0x74: A = Fetch(); break;
            case 0x75: { byte d = Fetch(); WriteDirect(d, Fetch()); break; }
            case 0x76: case 0x77: _iram[R(i)] = Fetch(); break;
            case 0x82: Carry &= ReadBit(Fetch()); break;                    // ANL C,bit
            case 0x83: A = Code((ushort)(A + PC)); break;                   // MOVC A,@A+PC
            case 0x84:                                                      // DIV AB
            {
                byte b = _sfr[B - 0x80];
                byte psw = (byte)(Psw & ~(CY | OV));
                if (b == 0) psw |= OV;
                else { byte q = (byte)(A / b); _sfr[B - 0x80] = (byte)(A % b); A = q; }
                Psw = psw;
                break;
            }
            case 0x85: { byte src = Fetch(); byte dst = Fetch(); WriteDirect(dst, ReadDirect(src)); break; } // MOV dir,dir
            case 0x86: case 0x87: WriteDirect(Fetch(), _iram[R(i)]); break;
            case 0x90: { int h = Fetch(); Dptr = (ushort)(h << 8 | Fetch()); break; }
            case 0x92: WriteBit(Fetch(), Carry); break;                     // MOV bit,C
            case 0x93: A = Code((ushort)(A + Dptr)); break;                 // MOVC A,@A+DPTR
            case 0x94: Subb(Fetch()); break;
            case 0x95: Subb(ReadDirect(Fetch())); break;
            case 0x96: case 0x97: Subb(_iram[R(i)]); break;
            case 0xA0: Carry |= !ReadBit(Fetch()); break;                   // ORL C,/bit
            case 0xA2: Carry = ReadBit(Fetch()); break;                     // MOV C,bit
            case 0xA3: Dptr++; break;
            case 0xA4:                                                      // MUL AB
            {
                int p = A * _sfr[B - 0x80];
                A = (byte)p;
                _sfr[B - 0x80] = (byte)(p >> 8);
                Psw = (byte)((Psw & ~(CY | OV)) | (p > 0xFF ? OV : 0));
                break;
            }
            case 0xA5: Halted = true; HaltReason = $"undefined opcode 0xA5 at 0x{at:X4}"; PC = at; break;
            case 0xA6: case 0xA7: _iram[R(i)] = ReadDirect(Fetch()); break;
            case 0xB0: Carry &= !ReadBit(Fetch()); break;                   // ANL C,/bit
            case 0xB2: { byte b = Fetch(); WriteBit(b, !ReadBit(b)); break; } // CPL bit
            case 0xB3: Carry = !Carry; break;
            case 0xB4: Cjne(A, Fetch()); break;
            case 0xB5: Cjne(A, ReadDirect(Fetch())); break;
            case 0xB6: case 0xB7: Cjne(_iram[R(i)], Fetch()); break;
            case 0xC0: Push(ReadDirect(Fetch())); break;
            case 0xC2: WriteBit(Fetch(), false); break;
            case 0xC3: Carry = false; break;
            case 0xC4: A = (byte)(A << 4 | A >> 4); break;                  // SWAP
            case 0xC5: { byte d = Fetch(); byte t = ReadDirect(d); WriteDirect(d, A); A = t; break; }
            case 0xC6: case 0xC7: { int a = R(i); (A, _iram[a]) = (_iram[a], A); break; }
            case 0xD0: WriteDirect(Fetch(), Pop()); break;
            case 0xD2: WriteBit(Fetch(), true); break;
            case 0xD3: Carry = true; break;
            case 0xD4:                                                      // DA A
            {
                int a = A;
                bool c = Carry;
                if ((a & 0xF) > 9 || (Psw & AC) != 0) a += 6;
                if (a > 0xFF) c = true;
                if (((a >> 4) & 0x1F) > 9 || c) a += 0x60;
                if (a > 0xFF) c = true;
                A = (byte)a;
                Carry = c;
                break;
            }
            case 0xD5: { byte d = Fetch(); byte r = Fetch(); byte v = (byte)(ReadDirect(d) - 1); WriteDirect(d, v); if (v != 0) Rel(r); break; }
            case 0xD6: case 0xD7: { int a = R(i); byte t = _iram[a]; _iram[a] = (byte)((t & 0xF0) | (A & 0x0F)); A = (byte)((A & 0xF0) | (t & 0x0F)); break; } // XCHD
            case 0xE0: A = _xread(Dptr); break;                            // MOVX A,@DPTR
            case 0xE2: case 0xE3: A = _xread((ushort)(_sfr[P2 - 0x80] << 8 | R(i))); break;
            case 0xE4: A = 0; break;
            case 0xE5: A = ReadDirect(Fetch()); break;
            case 0xE6: case 0xE7: A = _iram[R(i)]; break;
            case 0xF0: _xwrite(Dptr, A); break;                            // MOVX @DPTR,A
            case 0xF2: case 0xF3: _xwrite((ushort)(_sfr[P2 - 0x80] << 8 | R(i)), A); break;
            case 0xF4: A = (byte)~A; break;
            case 0xF5: WriteDirect(Fetch(), A); break;
            case 0xF6: case 0xF7: _iram[R(i)] = A; break;
            default:
                switch (op & 0x1F)
                {
                    case 0x01: { int addr = (op & 0xE0) << 3 | Fetch(); PC = (ushort)((PC & 0xF800) | addr); return; } // AJMP
                    case 0x11: { int addr = (op & 0xE0) << 3 | Fetch(); Push((byte)PC); Push((byte)(PC >> 8)); PC = (ushort)((PC & 0xF800) | addr); return; } // ACALL
                }
                switch (op & 0xF8)
                {
                    case 0x08: SetR(n, (byte)(R(n) + 1)); return;           // INC Rn
                    case 0x18: SetR(n, (byte)(R(n) - 1)); return;           // DEC Rn
                    case 0x28: Add(R(n), false); return;
                    case 0x38: Add(R(n), true); return;
                    case 0x48: A |= R(n); return;
                    case 0x58: A &= R(n); return;
                    case 0x68: A ^= R(n); return;
                    case 0x78: SetR(n, Fetch()); return;                    // MOV Rn,#
                    case 0x88: WriteDirect(Fetch(), R(n)); return;          // MOV dir,Rn
                    case 0x98: Subb(R(n)); return;
                    case 0xA8: SetR(n, ReadDirect(Fetch())); return;        // MOV Rn,dir
                    case 0xB8: Cjne(R(n), Fetch()); return;
                    case 0xC8: { byte t = R(n); SetR(n, A); A = t; return; } // XCH A,Rn
                    case 0xD8: { byte r = Fetch(); byte v = (byte)(R(n) - 1); SetR(n, v); if (v != 0) Rel(r); return; } // DJNZ Rn
                    case 0xE8: A = R(n); return;
                    case 0xF8: SetR(n, A); return;
                }
                Halted = true;
                HaltReason = $"opcode 0x{op:X2} at 0x{at:X4} not decoded";
                break;
        }
    }

    private void Cjne(byte left, byte right)
    {
        byte r = Fetch();
        Carry = left < right;
        if (left != right) Rel(r);
    }
}
