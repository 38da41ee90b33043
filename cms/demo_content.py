"""Demo content for the learning platform: one bilingual (id/en) programme.

Data only. ``PROGRAMME`` describes the programme for returned Indonesian migrant workers and
their families (Flores Timur, Lombok Timur, Wonosobo, Karawang): three stages (Internalisasi,
Orientasi, Penguasaan), each with two modules of two lessons. Every translatable string is a
``{"id": ..., "en": ...}`` dict; lesson bodies are lists of ``(block_type, value)`` tuples.
Amounts in rupiah are illustrative only.
"""

from __future__ import annotations

PROGRAMME = {
    "slug": "program",
    "title": {"id": "Berdaya Setelah Pulang", "en": "Thriving After Coming Home"},
    "intro": {
        "id": (
            "<p>Program ini untuk <strong>purna pekerja migran</strong> dan keluarganya di Flores "
            "Timur, Lombok Timur, Wonosobo, dan Karawang. Anda belajar langkah demi langkah: "
            "mengenali diri, merencanakan usaha, lalu mengembangkannya.</p><p>Ada tiga tahap: "
            "<strong>Internalisasi</strong> (belajar mandiri secara daring), "
            "<strong>Orientasi</strong> (lokakarya tatap muka dua hari dengan pelajaran daring "
            "sebelum dan sesudahnya), dan <strong>Penguasaan</strong> (klinik pendampingan lalu "
            "tugas jarak jauh).</p>"
        ),
        "en": (
            "<p>This programme is for <strong>returned migrant workers</strong> and their families "
            "in Flores Timur, Lombok Timur, Wonosobo and Karawang. You learn step by step: knowing "
            "yourself, planning a business, then growing it.</p><p>There are three stages: "
            "<strong>Internalisation</strong> (self-paced online learning), "
            "<strong>Orientation</strong> (a two-day in-person workshop with online lessons before "
            "and after), and <strong>Mastery</strong> (coaching clinics followed by remote "
            "assignments).</p>"
        ),
    },
    "stages": [
        {
            "slug": "internalisasi",
            "kind": "internalisation",
            "title": {"id": "Internalisasi", "en": "Internalisation"},
            "intro": {
                "id": (
                    "<p>Tahap pertama ini Anda pelajari sendiri lewat ponsel, kapan saja. Anda "
                    "akan mengenali alasan Anda ingin berusaha, kekuatan yang Anda bawa dari "
                    "rantau, dan tantangan yang perlu dihadapi di rumah.</p>"
                ),
                "en": (
                    "<p>You work through this first stage on your own, on your phone, whenever "
                    "suits you. You will get to know why you want to earn a living, the strengths "
                    "you bring back from abroad, and the challenges to face at home.</p>"
                ),
            },
            "modules": [
                {
                    "slug": "motivasi-setelah-pulang",
                    "title": {
                        "id": "Motivasi setelah pulang",
                        "en": "Motivation after coming home",
                    },
                    "intro": {
                        "id": (
                            "<p>Sebelum memulai usaha, kenali dulu alasan dan kekuatan Anda. "
                            "Alasan yang jelas membuat Anda tetap semangat saat usaha terasa "
                            "berat.</p>"
                        ),
                        "en": (
                            "<p>Before starting a business, get to know your reasons and your "
                            "strengths. A clear reason keeps you going when business feels "
                            "hard.</p>"
                        ),
                    },
                    "lessons": [
                        {
                            "slug": "alasan-saya-berusaha",
                            "title": {
                                "id": "Mengapa saya ingin membangun penghidupan?",
                                "en": "Why do I want to build a livelihood?",
                            },
                            "summary": {
                                "id": (
                                    "Menemukan alasan pribadi yang kuat untuk memulai usaha "
                                    "setelah pulang dari rantau."
                                ),
                                "en": (
                                    "Finding a strong personal reason to start earning a living "
                                    "after returning from abroad."
                                ),
                            },
                            "minutes": 8,
                            "body": [
                                (
                                    "text",
                                    {
                                        "id": (
                                            "<p>Pulang ke kampung halaman membawa banyak perasaan: "
                                            "lega, rindu yang terobati, tetapi juga cemas. Gaji "
                                            "bulanan dari luar negeri sudah berhenti, sementara "
                                            "kebutuhan keluarga terus berjalan. Banyak purna "
                                            "pekerja migran lalu bertanya, <em>apa yang akan saya "
                                            "lakukan sekarang?</em></p><p>Langkah pertama bukan "
                                            "mencari modal, tetapi mengenali alasan Anda sendiri. "
                                            "Ibu Siti dari Lombok Timur ingin berusaha agar bisa "
                                            "menemani anaknya sekolah dan tidak perlu berangkat "
                                            "lagi. Maria dari Flores Timur ingin meneruskan tenun "
                                            "ikat ibunya sambil mendapat penghasilan. Alasan "
                                            "mereka berbeda, tetapi sama-sama jelas.</p><p>Alasan "
                                            "yang jelas menjadi pegangan saat jualan sepi, saat "
                                            "ada orang yang meragukan Anda, atau saat Anda merasa "
                                            "lelah.</p>"
                                        ),
                                        "en": (
                                            "<p>Coming home brings many feelings: relief, joy at "
                                            "seeing loved ones again, but also worry. The monthly "
                                            "salary from abroad has stopped, while the family's "
                                            "needs carry on. Many returning migrant workers then "
                                            "ask, <em>what will I do now?</em></p><p>The first "
                                            "step is not finding capital, but knowing your own "
                                            "reasons. Ibu Siti from Lombok Timur wants a business "
                                            "so she can be there for her child's schooling and "
                                            "never has to leave again. Maria from Flores Timur "
                                            "wants to carry on her mother's tenun ikat weaving "
                                            "while earning an income. Their reasons differ, but "
                                            "both are clear.</p><p>A clear reason holds you steady "
                                            "when sales are slow, when someone doubts you, or when "
                                            "you feel tired.</p>"
                                        ),
                                    },
                                ),
                                (
                                    "callout",
                                    {
                                        "kind": "tip",
                                        "title": {
                                            "id": "Tulis alasan Anda",
                                            "en": "Write down your reason",
                                        },
                                        "text": {
                                            "id": (
                                                "<p>Tulis alasan Anda dalam satu kalimat, "
                                                "misalnya: <em>“Saya ingin punya penghasilan "
                                                "sendiri agar bisa tetap dekat dengan "
                                                "keluarga.”</em> Tempel di dinding atau simpan di "
                                                "ponsel, lalu baca lagi saat semangat Anda "
                                                "turun.</p>"
                                            ),
                                            "en": (
                                                "<p>Write your reason in one sentence, for "
                                                "example: <em>“I want my own income so I can stay "
                                                "close to my family.”</em> Stick it on the wall or "
                                                "save it on your phone, and read it again when "
                                                "your spirits drop.</p>"
                                            ),
                                        },
                                    },
                                ),
                                (
                                    "key_points",
                                    {
                                        "title": {"id": "Poin penting", "en": "Key points"},
                                        "points": [
                                            {
                                                "id": (
                                                    "Alasan yang jelas lebih penting daripada "
                                                    "modal besar di awal."
                                                ),
                                                "en": (
                                                    "A clear reason matters more than big capital "
                                                    "at the start."
                                                ),
                                            },
                                            {
                                                "id": (
                                                    "Alasan setiap orang berbeda, dan semuanya sah."
                                                ),
                                                "en": (
                                                    "Everyone's reason is different, and every one "
                                                    "of them is valid."
                                                ),
                                            },
                                            {
                                                "id": (
                                                    "Libatkan keluarga agar mereka memahami tujuan "
                                                    "Anda."
                                                ),
                                                "en": (
                                                    "Involve your family so they understand your "
                                                    "goal."
                                                ),
                                            },
                                            {
                                                "id": (
                                                    "Tujuan kecil yang bisa dicapai lebih baik "
                                                    "daripada mimpi besar tanpa langkah."
                                                ),
                                                "en": (
                                                    "A small, reachable goal is better than a big "
                                                    "dream with no steps."
                                                ),
                                            },
                                        ],
                                    },
                                ),
                                (
                                    "image",
                                    {
                                        "caption": {
                                            "id": (
                                                "Ibu Siti menulis tujuan usahanya di buku catatan."
                                            ),
                                            "en": (
                                                "Ibu Siti writes her business goal in her notebook."
                                            ),
                                        },
                                        "alt": {
                                            "id": (
                                                "Ilustrasi seorang ibu menulis di buku catatan di "
                                                "teras rumah."
                                            ),
                                            "en": (
                                                "Illustration of a woman writing in a notebook on "
                                                "her front porch."
                                            ),
                                        },
                                        "colour": "#2e7d6b",
                                        "label": "Tujuan",
                                    },
                                ),
                                (
                                    "reflection",
                                    {
                                        "question": {
                                            "id": (
                                                "Apa satu alasan terpenting Anda ingin membangun "
                                                "penghidupan di kampung sendiri?"
                                            ),
                                            "en": (
                                                "What is the single most important reason you want "
                                                "to build a livelihood in your home village?"
                                            ),
                                        },
                                        "hint": {
                                            "id": (
                                                "Pikirkan siapa yang ingin Anda bahagiakan dan "
                                                "kehidupan seperti apa yang Anda inginkan lima "
                                                "tahun lagi."
                                            ),
                                            "en": (
                                                "Think about who you want to make happy and what "
                                                "kind of life you want five years from now."
                                            ),
                                        },
                                    },
                                ),
                            ],
                        },
                        {
                            "slug": "kekuatan-dari-rantau",
                            "title": {
                                "id": "Kekuatan dan keterampilan dari rantau",
                                "en": "Strengths and skills gained abroad",
                            },
                            "summary": {
                                "id": (
                                    "Mengenali keterampilan yang Anda pelajari selama bekerja di "
                                    "luar negeri dan cara memakainya untuk usaha."
                                ),
                                "en": (
                                    "Recognising the skills you learned while working abroad and "
                                    "how to use them in a business."
                                ),
                            },
                            "minutes": 10,
                            "body": [
                                (
                                    "text",
                                    {
                                        "id": (
                                            "<p>Bertahun-tahun bekerja di luar negeri membuat Anda "
                                            "belajar banyak hal, sering tanpa disadari. Anda "
                                            "mungkin terbiasa memasak untuk banyak orang, merawat "
                                            "anak atau lansia, menjaga rumah tetap bersih dan "
                                            "rapi, atau berbicara dalam bahasa asing. Anda juga "
                                            "belajar disiplin, mengatur waktu, dan bertahan di "
                                            "tempat yang asing.</p><p>Semua itu adalah "
                                            "<strong>modal</strong>. Dewi dari Karawang terbiasa "
                                            "mencuci dan menyetrika dengan rapi di Hong Kong. "
                                            "Sekarang ia membuka jasa laundry kiloan untuk pekerja "
                                            "pabrik di dekat rumahnya. Ibu Yuni dari Wonosobo "
                                            "belajar membuat kue di Taiwan, lalu menjual kue "
                                            "kering setiap menjelang Lebaran.</p><p>Isilah lembar "
                                            "kerja di bawah ini. Tulis keterampilan Anda, tempat "
                                            "Anda mempelajarinya, dan usaha apa yang mungkin "
                                            "cocok.</p>"
                                        ),
                                        "en": (
                                            "<p>Years of working abroad taught you many things, "
                                            "often without you noticing. You may be used to "
                                            "cooking for many people, caring for children or "
                                            "elderly people, keeping a house clean and tidy, or "
                                            "speaking a foreign language. You also learned "
                                            "discipline, time management and how to cope in an "
                                            "unfamiliar place.</p><p>All of that is "
                                            "<strong>capital</strong>. Dewi from Karawang got used "
                                            "to washing and ironing neatly in Hong Kong. Now she "
                                            "runs a pay-by-the-kilo laundry for factory workers "
                                            "near her home. Ibu Yuni from Wonosobo learned to bake "
                                            "in Taiwan, and now sells cookies every year before "
                                            "Lebaran.</p><p>Fill in the worksheet below. Write "
                                            "down your skills, where you learned them and what "
                                            "kind of business might suit them.</p>"
                                        ),
                                    },
                                ),
                                (
                                    "key_points",
                                    {
                                        "title": {"id": "Poin penting", "en": "Key points"},
                                        "points": [
                                            {
                                                "id": (
                                                    "Keterampilan kerja rumah tangga dan perawatan "
                                                    "bisa menjadi usaha jasa."
                                                ),
                                                "en": (
                                                    "Household and care work skills can become a "
                                                    "service business."
                                                ),
                                            },
                                            {
                                                "id": (
                                                    "Sikap seperti disiplin dan tahan banting juga "
                                                    "merupakan kekuatan."
                                                ),
                                                "en": (
                                                    "Attitudes such as discipline and resilience "
                                                    "are strengths too."
                                                ),
                                            },
                                            {
                                                "id": (
                                                    "Bahasa asing berguna untuk melayani tamu atau "
                                                    "berjualan secara daring."
                                                ),
                                                "en": (
                                                    "Foreign languages help when serving visitors "
                                                    "or selling online."
                                                ),
                                            },
                                            {
                                                "id": (
                                                    "Tanyakan kepada keluarga atau teman: menurut "
                                                    "mereka, apa keahlian Anda?"
                                                ),
                                                "en": (
                                                    "Ask family or friends what they think you are "
                                                    "good at."
                                                ),
                                            },
                                        ],
                                    },
                                ),
                                (
                                    "worksheet",
                                    {
                                        "title": {
                                            "id": "Peta keterampilan saya",
                                            "en": "My skills map",
                                        },
                                        "description": {
                                            "id": (
                                                "Tulis keterampilan Anda, tempat Anda "
                                                "mempelajarinya, dan ide usaha yang terkait. Tiga "
                                                "baris pertama adalah contoh."
                                            ),
                                            "en": (
                                                "Write down your skills, where you learned them "
                                                "and a related business idea. The first three rows "
                                                "are examples."
                                            ),
                                        },
                                        "filename": "peta-keterampilan.csv",
                                        "csv": [
                                            [
                                                "Keterampilan",
                                                "Dipelajari di",
                                                "Seberapa mahir (1-5)",
                                                "Ide usaha terkait",
                                            ],
                                            [
                                                "Memasak untuk keluarga besar",
                                                "Malaysia",
                                                "4",
                                                "Katering nasi kotak",
                                            ],
                                            [
                                                "Mencuci dan menyetrika",
                                                "Hong Kong",
                                                "5",
                                                "Laundry kiloan",
                                            ],
                                            [
                                                "Bahasa Mandarin",
                                                "Taiwan",
                                                "3",
                                                "Les bahasa untuk anak",
                                            ],
                                            ["", "", "", ""],
                                            ["", "", "", ""],
                                            ["", "", "", ""],
                                        ],
                                    },
                                ),
                                (
                                    "reflection",
                                    {
                                        "question": {
                                            "id": (
                                                "Keterampilan apa dari rantau yang paling Anda "
                                                "banggakan, dan bagaimana orang di sekitar Anda "
                                                "bisa mendapat manfaat darinya?"
                                            ),
                                            "en": (
                                                "Which skill from abroad are you proudest of, and "
                                                "how could the people around you benefit from it?"
                                            ),
                                        },
                                        "hint": {
                                            "id": (
                                                "Ingat pujian yang pernah Anda terima dari "
                                                "majikan, rekan kerja, atau keluarga."
                                            ),
                                            "en": (
                                                "Remember the praise you have received from an "
                                                "employer, co-workers or family."
                                            ),
                                        },
                                    },
                                ),
                            ],
                        },
                    ],
                },
                {
                    "slug": "tantangan-penghidupan",
                    "title": {"id": "Tantangan penghidupan", "en": "Livelihood challenges"},
                    "intro": {
                        "id": (
                            "<p>Pulang tidak selalu mudah. Modul ini membahas tantangan yang "
                            "sering dihadapi: harapan keluarga, utang, kiriman uang yang sudah "
                            "habis, penyesuaian diri, dan pandangan negatif masyarakat.</p>"
                        ),
                        "en": (
                            "<p>Coming home is not always easy. This module looks at common "
                            "challenges: family expectations, debt, remittances already spent, "
                            "readjusting, and negative attitudes in the community.</p>"
                        ),
                    },
                    "lessons": [
                        {
                            "slug": "harapan-keluarga-dan-utang",
                            "title": {
                                "id": "Harapan keluarga, utang, dan kiriman uang",
                                "en": "Family expectations, debt and remittances",
                            },
                            "summary": {
                                "id": (
                                    "Memahami tekanan keuangan setelah pulang dan langkah pertama "
                                    "untuk menghadapinya dengan tenang."
                                ),
                                "en": (
                                    "Understanding the money pressures after coming home and the "
                                    "first steps to face them calmly."
                                ),
                            },
                            "minutes": 10,
                            "body": [
                                (
                                    "text",
                                    {
                                        "id": (
                                            "<p>Banyak keluarga mengira pekerja migran pulang "
                                            "membawa banyak uang. Padahal, kiriman uang sering "
                                            "sudah habis untuk membangun rumah, biaya sekolah, "
                                            "pesta keluarga, atau membayar utang biaya "
                                            "keberangkatan. Ada juga yang pulang dan ternyata "
                                            "masih punya utang kepada kerabat, rentenir, atau "
                                            "koperasi.</p><p>Rasa malu sering membuat orang diam. "
                                            "Namun, masalah uang lebih mudah diselesaikan jika "
                                            "dibicarakan terbuka. Mulailah dengan tiga "
                                            "langkah:</p><ul><li><strong>Catat semua "
                                            "utang</strong>: kepada siapa, berapa, dan kapan jatuh "
                                            "tempo.</li><li><strong>Catat harta yang masih "
                                            "ada</strong>: tabungan, emas, ternak, atau barang "
                                            "yang bisa dijual.</li><li><strong>Bicarakan dengan "
                                            "keluarga</strong>: jelaskan keadaan yang sebenarnya "
                                            "dan sepakati prioritas bersama.</li></ul><p>Ibu Nur "
                                            "dari Lombok Timur mengajak suami dan anak sulungnya "
                                            "duduk bersama. Mereka sepakat menunda perbaikan dapur "
                                            "sampai utang kepada saudara lunas.</p>"
                                        ),
                                        "en": (
                                            "<p>Many families assume that migrant workers come "
                                            "home with a lot of money. In reality, remittances "
                                            "have often been spent on building a house, school "
                                            "fees, family celebrations, or repaying the debt taken "
                                            "on to go abroad. Some people come home and find they "
                                            "still owe money to relatives, moneylenders or a "
                                            "cooperative.</p><p>Shame often keeps people silent. "
                                            "But money problems are easier to solve when they are "
                                            "talked about openly. Start with three "
                                            "steps:</p><ul><li><strong>List all debts</strong>: to "
                                            "whom, how much, and when each is "
                                            "due.</li><li><strong>List what you still "
                                            "own</strong>: savings, gold, livestock, or things you "
                                            "could sell.</li><li><strong>Talk with your "
                                            "family</strong>: explain the real situation and agree "
                                            "on shared priorities.</li></ul><p>Ibu Nur from Lombok "
                                            "Timur sat down with her husband and eldest child. "
                                            "They agreed to postpone repairing the kitchen until "
                                            "the debt to her relatives was paid off.</p>"
                                        ),
                                    },
                                ),
                                (
                                    "callout",
                                    {
                                        "kind": "warning",
                                        "title": {
                                            "id": "Hati-hati dengan pinjaman cepat",
                                            "en": "Beware of quick loans",
                                        },
                                        "text": {
                                            "id": (
                                                "<p>Jangan menutup utang dengan utang baru dari "
                                                "rentenir atau pinjaman online ilegal. Bunganya "
                                                "sangat tinggi dan cara menagihnya bisa kasar. "
                                                "Periksa dulu apakah pemberi pinjaman terdaftar di "
                                                "<strong>OJK</strong>.</p>"
                                            ),
                                            "en": (
                                                "<p>Do not pay off one debt with a new loan from a "
                                                "moneylender or an illegal online lender. Their "
                                                "interest is very high and their debt collection "
                                                "can be abusive. First check whether the lender is "
                                                "registered with <strong>OJK</strong>, the "
                                                "Financial Services Authority.</p>"
                                            ),
                                        },
                                    },
                                ),
                                (
                                    "key_points",
                                    {
                                        "title": {"id": "Poin penting", "en": "Key points"},
                                        "points": [
                                            {
                                                "id": (
                                                    "Kiriman uang yang sudah terpakai bukan "
                                                    "kegagalan; yang penting adalah rencana ke "
                                                    "depan."
                                                ),
                                                "en": (
                                                    "Remittances that are already spent are not a "
                                                    "failure; what matters is the plan ahead."
                                                ),
                                            },
                                            {
                                                "id": (
                                                    "Tuliskan semua utang agar besarnya terlihat "
                                                    "jelas."
                                                ),
                                                "en": (
                                                    "Write down every debt so its full size is "
                                                    "clear."
                                                ),
                                            },
                                            {
                                                "id": (
                                                    "Keputusan keuangan sebaiknya disepakati "
                                                    "bersama keluarga."
                                                ),
                                                "en": (
                                                    "Money decisions are best agreed together with "
                                                    "the family."
                                                ),
                                            },
                                            {
                                                "id": (
                                                    "Dahulukan melunasi utang yang bunganya paling "
                                                    "tinggi."
                                                ),
                                                "en": (
                                                    "Pay off the debt with the highest interest "
                                                    "first."
                                                ),
                                            },
                                        ],
                                    },
                                ),
                                (
                                    "reflection",
                                    {
                                        "question": {
                                            "id": (
                                                "Apa harapan keluarga terhadap Anda setelah "
                                                "pulang, dan mana yang realistis untuk dipenuhi "
                                                "tahun ini?"
                                            ),
                                            "en": (
                                                "What does your family expect from you now that "
                                                "you are home, and which of those expectations can "
                                                "realistically be met this year?"
                                            ),
                                        },
                                        "hint": {
                                            "id": (
                                                "Bedakan kebutuhan (makan, sekolah, utang) dan "
                                                "keinginan (renovasi rumah, kendaraan baru)."
                                            ),
                                            "en": (
                                                "Separate needs (food, school, debts) from wants "
                                                "(home renovation, a new vehicle)."
                                            ),
                                        },
                                    },
                                ),
                            ],
                        },
                        {
                            "slug": "reintegrasi-dan-stigma",
                            "title": {
                                "id": "Kembali ke masyarakat dan menghadapi stigma",
                                "en": "Rejoining the community and dealing with stigma",
                            },
                            "summary": {
                                "id": (
                                    "Mengenali proses penyesuaian diri setelah pulang dan cara "
                                    "menghadapi pandangan negatif dengan percaya diri."
                                ),
                                "en": (
                                    "Recognising the process of readjusting after coming home and "
                                    "how to face negative attitudes with confidence."
                                ),
                            },
                            "minutes": 9,
                            "body": [
                                (
                                    "text",
                                    {
                                        "id": (
                                            "<p>Setelah lama di rantau, kampung halaman bisa "
                                            "terasa asing. Anak sudah besar dan terbiasa diasuh "
                                            "nenek. Suami sudah terbiasa mengurus rumah sendiri. "
                                            "Tetangga punya kebiasaan baru. Penyesuaian ini "
                                            "disebut <strong>reintegrasi</strong>, dan wajar jika "
                                            "butuh waktu berbulan-bulan.</p><p>Sebagian purna "
                                            "pekerja migran, terutama perempuan, juga menghadapi "
                                            "<strong>stigma</strong>: gosip, tuduhan, atau "
                                            "anggapan bahwa mereka pulang karena gagal. Ada juga "
                                            "yang dianggap kaya sehingga terus dimintai "
                                            "uang.</p><p>Anda tidak harus menghadapinya sendiri. "
                                            "Bergabunglah dengan kelompok sesama purna pekerja "
                                            "migran, kelompok ibu-ibu di desa, atau komunitas "
                                            "usaha. Di Wonosobo dan Karawang, misalnya, ada "
                                            "kelompok purna pekerja migran yang membuat usaha "
                                            "bersama dan saling menguatkan. Berbagi cerita membuat "
                                            "beban terasa lebih ringan.</p>"
                                        ),
                                        "en": (
                                            "<p>After a long time abroad, your home village can "
                                            "feel strange. Your children have grown up and are "
                                            "used to being raised by their grandmother. Your "
                                            "husband is used to running the house on his own. The "
                                            "neighbours have new habits. This readjustment is "
                                            "called <strong>reintegration</strong>, and it is "
                                            "normal for it to take months.</p><p>Some returning "
                                            "migrant workers, especially women, also face "
                                            "<strong>stigma</strong>: gossip, accusations, or the "
                                            "assumption that they came home because they failed. "
                                            "Others are seen as rich and are constantly asked for "
                                            "money.</p><p>You do not have to face this alone. Join "
                                            "a group of fellow returned migrant workers, a women's "
                                            "group in your village or a business community. In "
                                            "Wonosobo and Karawang, for example, there are groups "
                                            "of returned migrant workers who run businesses "
                                            "together and support one another. Sharing stories "
                                            "makes the load feel lighter.</p>"
                                        ),
                                    },
                                ),
                                (
                                    "callout",
                                    {
                                        "kind": "info",
                                        "title": {
                                            "id": "Tempat mencari bantuan",
                                            "en": "Where to find help",
                                        },
                                        "text": {
                                            "id": (
                                                "<p>Jika Anda mengalami kekerasan, penipuan, atau "
                                                "masalah hak sebagai pekerja migran, hubungi "
                                                "<strong>Dinas Tenaga Kerja</strong> kabupaten, "
                                                "kantor pelindungan pekerja migran "
                                                "(<strong>BP3MI</strong>) di provinsi, atau "
                                                "pemerintah desa. Anda berhak mendapat "
                                                "layanan.</p>"
                                            ),
                                            "en": (
                                                "<p>If you experience violence, fraud or problems "
                                                "with your rights as a migrant worker, contact the "
                                                "district Manpower Office (<strong>Dinas Tenaga "
                                                "Kerja</strong>), the provincial migrant worker "
                                                "protection office (<strong>BP3MI</strong>), or "
                                                "your village government. You have a right to "
                                                "these services.</p>"
                                            ),
                                        },
                                    },
                                ),
                                (
                                    "key_points",
                                    {
                                        "title": {"id": "Poin penting", "en": "Key points"},
                                        "points": [
                                            {
                                                "id": (
                                                    "Merasa asing setelah pulang adalah hal yang "
                                                    "wajar."
                                                ),
                                                "en": (
                                                    "Feeling like a stranger after coming home is "
                                                    "normal."
                                                ),
                                            },
                                            {
                                                "id": (
                                                    "Beri waktu kepada diri sendiri dan keluarga "
                                                    "untuk menyesuaikan peran."
                                                ),
                                                "en": (
                                                    "Give yourself and your family time to adjust "
                                                    "to new roles."
                                                ),
                                            },
                                            {
                                                "id": (
                                                    "Stigma berasal dari cara pandang orang lain, "
                                                    "bukan dari kesalahan Anda."
                                                ),
                                                "en": (
                                                    "Stigma comes from how others see things, not "
                                                    "from any fault of yours."
                                                ),
                                            },
                                            {
                                                "id": (
                                                    "Kelompok dan komunitas memberi dukungan, "
                                                    "informasi, dan peluang usaha."
                                                ),
                                                "en": (
                                                    "Groups and communities offer support, "
                                                    "information and business opportunities."
                                                ),
                                            },
                                        ],
                                    },
                                ),
                                (
                                    "image",
                                    {
                                        "caption": {
                                            "id": (
                                                "Kelompok purna pekerja migran berkumpul setiap "
                                                "bulan untuk berbagi cerita dan ide usaha."
                                            ),
                                            "en": (
                                                "A group of returned migrant workers meets every "
                                                "month to share stories and business ideas."
                                            ),
                                        },
                                        "alt": {
                                            "id": (
                                                "Ilustrasi beberapa perempuan duduk melingkar di "
                                                "balai desa."
                                            ),
                                            "en": (
                                                "Illustration of several women sitting in a circle "
                                                "in a village hall."
                                            ),
                                        },
                                        "colour": "#8a4f7d",
                                        "label": "Komunitas",
                                    },
                                ),
                                (
                                    "reflection",
                                    {
                                        "question": {
                                            "id": (
                                                "Siapa satu orang atau kelompok di sekitar Anda "
                                                "yang bisa Anda ajak bicara saat merasa berat?"
                                            ),
                                            "en": (
                                                "Who is one person or group near you that you "
                                                "could talk to when things feel heavy?"
                                            ),
                                        },
                                        "hint": {
                                            "id": (
                                                "Bisa teman sesama purna pekerja migran, kader "
                                                "desa, tokoh agama, atau anggota keluarga yang "
                                                "Anda percaya."
                                            ),
                                            "en": (
                                                "It could be a fellow returned migrant worker, a "
                                                "village volunteer, a religious leader or a family "
                                                "member you trust."
                                            ),
                                        },
                                    },
                                ),
                            ],
                        },
                    ],
                },
            ],
        },
        {
            "slug": "orientasi",
            "kind": "orientation",
            "title": {"id": "Orientasi", "en": "Orientation"},
            "intro": {
                "id": (
                    "<p>Tahap kedua berpusat pada <strong>lokakarya tatap muka selama dua "
                    "hari</strong>. Pelajaran daring di sini membantu Anda bersiap sebelum "
                    "lokakarya dan mengulang materi sesudahnya: ide usaha, merek diri, CV, dan "
                    "literasi keuangan.</p>"
                ),
                "en": (
                    "<p>The second stage centres on a <strong>two-day in-person workshop</strong>. "
                    "The online lessons here help you prepare beforehand and review afterwards: "
                    "business ideas, personal branding, CVs and financial literacy.</p>"
                ),
            },
            "modules": [
                {
                    "slug": "ide-usaha-dan-kewirausahaan",
                    "title": {
                        "id": "Ide usaha dan kewirausahaan",
                        "en": "Business ideas and entrepreneurship",
                    },
                    "intro": {
                        "id": (
                            "<p>Modul ini membantu Anda menemukan ide usaha dari sumber daya di "
                            "sekitar, menyusun model usaha sederhana, dan memperkenalkan diri "
                            "lewat merek diri dan CV.</p>"
                        ),
                        "en": (
                            "<p>This module helps you find a business idea in the resources around "
                            "you, sketch a simple business model, and present yourself through "
                            "personal branding and a CV.</p>"
                        ),
                    },
                    "lessons": [
                        {
                            "slug": "menemukan-ide-usaha",
                            "title": {
                                "id": "Menemukan dan menguji ide usaha",
                                "en": "Finding and testing a business idea",
                            },
                            "summary": {
                                "id": (
                                    "Mencari ide usaha dari sumber daya lokal, menyusun model "
                                    "usaha sederhana, dan mengujinya bersama tetangga."
                                ),
                                "en": (
                                    "Finding a business idea in local resources, sketching a "
                                    "simple business model and testing it with neighbours."
                                ),
                            },
                            "minutes": 12,
                            "body": [
                                (
                                    "text",
                                    {
                                        "id": (
                                            "<p>Ide usaha yang baik sering ada di dekat kita. "
                                            "Lihat apa yang banyak tersedia di desa Anda, apa yang "
                                            "sering dicari orang, dan apa yang bisa Anda kerjakan "
                                            "dengan baik. Di Lombok Timur ada singkong untuk "
                                            "kerupuk dan keripik. Di Wonosobo ada kopi dan buah "
                                            "carica. Di Flores Timur ada tenun ikat. Di Karawang, "
                                            "banyak pekerja pabrik membutuhkan makanan murah, jasa "
                                            "jahit, dan laundry.</p><p>Setelah punya ide, jawab "
                                            "lima pertanyaan model usaha "
                                            "sederhana:</p><ul><li><strong>Apa</strong> yang saya "
                                            "jual?</li><li><strong>Siapa</strong> "
                                            "pembelinya?</li><li><strong>Bagaimana</strong> "
                                            "pembeli mengetahui dan "
                                            "membelinya?</li><li><strong>Berapa</strong> biaya "
                                            "membuatnya dan berapa harga "
                                            "jualnya?</li><li><strong>Siapa</strong> yang membantu "
                                            "saya: pemasok, keluarga, atau "
                                            "kelompok?</li></ul><p>Lalu <strong>uji dulu dalam "
                                            "jumlah kecil</strong>. Buat 20 bungkus keripik, "
                                            "tawarkan kepada tetangga dan warung terdekat, lalu "
                                            "tanyakan pendapat mereka tentang rasa, ukuran, dan "
                                            "harga.</p>"
                                        ),
                                        "en": (
                                            "<p>Good business ideas are often close at hand. Look "
                                            "at what is plentiful in your village, what people "
                                            "often look for, and what you can do well. In Lombok "
                                            "Timur there is cassava for kerupuk and keripik. In "
                                            "Wonosobo there is coffee and carica fruit. In Flores "
                                            "Timur there is tenun ikat. In Karawang, many factory "
                                            "workers need cheap meals, tailoring and "
                                            "laundry.</p><p>Once you have an idea, answer the five "
                                            "questions of a simple business "
                                            "model:</p><ul><li><strong>What</strong> am I "
                                            "selling?</li><li><strong>Who</strong> are the "
                                            "buyers?</li><li><strong>How</strong> will buyers hear "
                                            "about it and buy it?</li><li><strong>How "
                                            "much</strong> does it cost to make, and what is the "
                                            "selling price?</li><li><strong>Who</strong> helps me: "
                                            "suppliers, family or a group?</li></ul><p>Then "
                                            "<strong>test it on a small scale first</strong>. Make "
                                            "20 packs of keripik, offer them to neighbours and the "
                                            "nearest warung, and ask what they think of the taste, "
                                            "the size and the price.</p>"
                                        ),
                                    },
                                ),
                                (
                                    "callout",
                                    {
                                        "kind": "tip",
                                        "title": {
                                            "id": "Mulai kecil, belajar cepat",
                                            "en": "Start small, learn fast",
                                        },
                                        "text": {
                                            "id": (
                                                "<p>Jangan langsung membeli mesin atau bahan dalam "
                                                "jumlah besar. Uji ide dengan modal kecil, "
                                                "misalnya Rp200.000, lalu perbaiki produk "
                                                "berdasarkan masukan pembeli.</p>"
                                            ),
                                            "en": (
                                                "<p>Don't buy machines or large amounts of "
                                                "materials straight away. Test the idea with a "
                                                "small sum, say Rp200,000, then improve the "
                                                "product based on buyers' feedback.</p>"
                                            ),
                                        },
                                    },
                                ),
                                (
                                    "key_points",
                                    {
                                        "title": {"id": "Poin penting", "en": "Key points"},
                                        "points": [
                                            {
                                                "id": (
                                                    "Ide usaha bisa datang dari bahan lokal, "
                                                    "keterampilan Anda, dan kebutuhan orang "
                                                    "sekitar."
                                                ),
                                                "en": (
                                                    "Business ideas can come from local materials, "
                                                    "your skills and the needs of people around "
                                                    "you."
                                                ),
                                            },
                                            {
                                                "id": (
                                                    "Model usaha sederhana menjawab: apa, siapa, "
                                                    "bagaimana, berapa, dan siapa yang membantu."
                                                ),
                                                "en": (
                                                    "A simple business model answers: what, who, "
                                                    "how, how much, and who helps."
                                                ),
                                            },
                                            {
                                                "id": (
                                                    "Uji ide dalam jumlah kecil sebelum "
                                                    "mengeluarkan banyak uang."
                                                ),
                                                "en": (
                                                    "Test the idea on a small scale before "
                                                    "spending a lot of money."
                                                ),
                                            },
                                            {
                                                "id": (
                                                    "Masukan jujur dari tetangga lebih berharga "
                                                    "daripada pujian."
                                                ),
                                                "en": (
                                                    "Honest feedback from neighbours is worth more "
                                                    "than praise."
                                                ),
                                            },
                                        ],
                                    },
                                ),
                                (
                                    "worksheet",
                                    {
                                        "title": {
                                            "id": "Lembar uji ide usaha",
                                            "en": "Business idea test sheet",
                                        },
                                        "description": {
                                            "id": (
                                                "Catat pendapat setiap orang yang mencoba produk "
                                                "Anda. Setelah 10 orang, lihat apa yang perlu "
                                                "diperbaiki."
                                            ),
                                            "en": (
                                                "Record the opinion of each person who tries your "
                                                "product. After 10 people, see what needs "
                                                "improving."
                                            ),
                                        },
                                        "filename": "uji-ide-usaha.csv",
                                        "csv": [
                                            [
                                                "Nama pembeli",
                                                "Rasa (1-5)",
                                                "Harga cocok? (ya/tidak)",
                                                "Mau beli lagi? (ya/tidak)",
                                                "Saran",
                                            ],
                                            ["Bu Ani (tetangga)", "4", "ya", "ya", "Tambah pedas"],
                                            [
                                                "Warung Pak Dedi",
                                                "5",
                                                "tidak",
                                                "ya",
                                                "Bungkus lebih kecil, harga Rp5.000",
                                            ],
                                            ["", "", "", "", ""],
                                            ["", "", "", "", ""],
                                            ["", "", "", "", ""],
                                            ["", "", "", "", ""],
                                            ["", "", "", "", ""],
                                            ["", "", "", "", ""],
                                            ["", "", "", "", ""],
                                            ["", "", "", "", ""],
                                        ],
                                    },
                                ),
                                (
                                    "reflection",
                                    {
                                        "question": {
                                            "id": (
                                                "Bahan, keterampilan, atau kebutuhan apa di "
                                                "sekitar rumah Anda yang bisa menjadi ide usaha?"
                                            ),
                                            "en": (
                                                "What materials, skills or needs around your home "
                                                "could become a business idea?"
                                            ),
                                        },
                                        "hint": {
                                            "id": (
                                                "Perhatikan barang yang sering dibeli tetangga "
                                                "dari luar desa, karena itu bisa menjadi peluang."
                                            ),
                                            "en": (
                                                "Notice what neighbours often buy from outside the "
                                                "village; that may be an opportunity."
                                            ),
                                        },
                                    },
                                ),
                            ],
                        },
                        {
                            "slug": "merek-diri-dan-cv",
                            "title": {
                                "id": "Merek diri dan CV sederhana",
                                "en": "Personal branding and a simple CV",
                            },
                            "summary": {
                                "id": (
                                    "Memperkenalkan diri dengan percaya diri, baik sebagai pelaku "
                                    "usaha maupun saat melamar kerja atau pelatihan."
                                ),
                                "en": (
                                    "Presenting yourself with confidence, both as a business owner "
                                    "and when applying for a job or training."
                                ),
                            },
                            "minutes": 12,
                            "body": [
                                (
                                    "text",
                                    {
                                        "id": (
                                            "<p><strong>Merek diri</strong> adalah kesan yang "
                                            "diingat orang tentang Anda. Pembeli di desa sering "
                                            "membeli karena percaya kepada orangnya, bukan hanya "
                                            "kepada produknya. Maria dari Flores Timur selalu "
                                            "menceritakan motif tenun yang ia buat dan arti motif "
                                            "itu bagi keluarganya. Orang mengingatnya sebagai "
                                            "<em>“Mama Maria, penenun yang menjaga motif "
                                            "leluhur”</em>.</p><p>Untuk membangun merek diri, "
                                            "pilih satu kalimat pengenal, pakai nama dan foto yang "
                                            "sama di WhatsApp dan media sosial, dan selalu tepati "
                                            "janji kepada pembeli.</p><p><strong>CV</strong> "
                                            "(daftar riwayat hidup) berguna saat Anda melamar "
                                            "kerja, mendaftar pelatihan, atau menawarkan kerja "
                                            "sama. CV yang baik cukup satu halaman dan berisi data "
                                            "diri, keterampilan, pengalaman kerja, pendidikan dan "
                                            "pelatihan, serta bahasa yang dikuasai. Tulis "
                                            "pengalaman di luar negeri sebagai pengalaman kerja "
                                            "yang sungguh-sungguh, misalnya <em>“Merawat lansia "
                                            "penderita diabetes selama 4 tahun di "
                                            "Taiwan”</em>.</p>"
                                        ),
                                        "en": (
                                            "<p>A <strong>personal brand</strong> is the "
                                            "impression people remember of you. Buyers in a "
                                            "village often buy because they trust the person, not "
                                            "only the product. Maria from Flores Timur always "
                                            "tells the story of the weaving motifs she makes and "
                                            "what they mean to her family. People remember her as "
                                            "<em>“Mama Maria, the weaver who keeps the ancestral "
                                            "motifs alive”</em>.</p><p>To build a personal brand, "
                                            "choose one sentence that introduces you, use the same "
                                            "name and photo on WhatsApp and social media, and "
                                            "always keep your promises to buyers.</p><p>A "
                                            "<strong>CV</strong> is useful when you apply for a "
                                            "job, sign up for training or propose a partnership. A "
                                            "good CV fits on one page and contains your personal "
                                            "details, skills, work experience, education and "
                                            "training, and the languages you speak. Describe your "
                                            "time abroad as real work experience, for example "
                                            "<em>“Cared for an elderly person with diabetes for 4 "
                                            "years in Taiwan”</em>.</p>"
                                        ),
                                    },
                                ),
                                (
                                    "callout",
                                    {
                                        "kind": "warning",
                                        "title": {
                                            "id": "Lindungi data pribadi Anda",
                                            "en": "Protect your personal data",
                                        },
                                        "text": {
                                            "id": (
                                                "<p>Jangan mencantumkan nomor KTP (NIK), nomor "
                                                "Kartu Keluarga, atau nomor paspor di CV yang "
                                                "dibagikan kepada banyak orang. Cukup tulis nama, "
                                                "nomor telepon, dan nama desa atau kecamatan.</p>"
                                            ),
                                            "en": (
                                                "<p>Do not put your ID card number (NIK), family "
                                                "card number or passport number on a CV that you "
                                                "share widely. Your name, phone number and village "
                                                "or sub-district are enough.</p>"
                                            ),
                                        },
                                    },
                                ),
                                (
                                    "key_points",
                                    {
                                        "title": {"id": "Poin penting", "en": "Key points"},
                                        "points": [
                                            {
                                                "id": (
                                                    "Merek diri dibangun dari cerita, konsistensi, "
                                                    "dan kejujuran."
                                                ),
                                                "en": (
                                                    "A personal brand is built on your story, "
                                                    "consistency and honesty."
                                                ),
                                            },
                                            {
                                                "id": (
                                                    "Gunakan nama, foto, dan kalimat pengenal yang "
                                                    "sama di semua akun."
                                                ),
                                                "en": (
                                                    "Use the same name, photo and introduction on "
                                                    "all your accounts."
                                                ),
                                            },
                                            {
                                                "id": "CV cukup satu halaman, jelas, dan jujur.",
                                                "en": "A CV should be one page, clear and honest.",
                                            },
                                            {
                                                "id": (
                                                    "Pengalaman di luar negeri adalah pengalaman "
                                                    "kerja yang berharga."
                                                ),
                                                "en": (
                                                    "Experience abroad is valuable work experience."
                                                ),
                                            },
                                        ],
                                    },
                                ),
                                (
                                    "worksheet",
                                    {
                                        "title": {
                                            "id": "Templat CV sederhana",
                                            "en": "Simple CV template",
                                        },
                                        "description": {
                                            "id": (
                                                "Isi kolom “Isi Anda” untuk setiap bagian. Kolom "
                                                "contoh menunjukkan cara menulisnya."
                                            ),
                                            "en": (
                                                "Fill in the “Isi Anda” (your details) column for "
                                                "each section. The example column shows how to "
                                                "write it."
                                            ),
                                        },
                                        "filename": "templat-cv-sederhana.csv",
                                        "csv": [
                                            ["Bagian", "Contoh", "Isi Anda"],
                                            ["Nama lengkap", "Siti Aminah", ""],
                                            [
                                                "Kontak",
                                                "0812-xxxx-xxxx, Desa Pringgasela, Lombok Timur",
                                                "",
                                            ],
                                            [
                                                "Kalimat pengenal",
                                                (
                                                    "Pekerja teliti, 6 tahun berpengalaman merawat "
                                                    "lansia dan keluarga"
                                                ),
                                                "",
                                            ],
                                            [
                                                "Pengalaman kerja",
                                                "Perawat lansia, Taichung, Taiwan (2017-2023)",
                                                "",
                                            ],
                                            [
                                                "Keterampilan",
                                                "Memasak, merawat lansia, mengatur rumah tangga",
                                                "",
                                            ],
                                            ["Pendidikan", "SMP Negeri di Pringgasela", ""],
                                            [
                                                "Pelatihan",
                                                "Pelatihan literasi keuangan dan kewirausahaan",
                                                "",
                                            ],
                                            ["Bahasa", "Indonesia, Sasak, Mandarin dasar", ""],
                                        ],
                                    },
                                ),
                                (
                                    "reflection",
                                    {
                                        "question": {
                                            "id": (
                                                "Jika tetangga menceritakan Anda kepada orang lain "
                                                "dalam satu kalimat, kalimat apa yang Anda "
                                                "harapkan?"
                                            ),
                                            "en": (
                                                "If a neighbour described you to someone else in "
                                                "one sentence, what would you hope they say?"
                                            ),
                                        },
                                        "hint": {
                                            "id": (
                                                "Gabungkan keahlian Anda, nilai yang Anda pegang, "
                                                "dan produk atau jasa yang Anda tawarkan."
                                            ),
                                            "en": (
                                                "Combine your skills, the values you hold and the "
                                                "product or service you offer."
                                            ),
                                        },
                                    },
                                ),
                            ],
                        },
                    ],
                },
                {
                    "slug": "literasi-keuangan",
                    "title": {"id": "Literasi keuangan", "en": "Financial literacy"},
                    "intro": {
                        "id": (
                            "<p>Uang yang dikelola dengan baik membuat keluarga lebih tenang dan "
                            "usaha lebih kuat. Modul ini membahas anggaran rumah tangga, menabung, "
                            "memakai kiriman uang secara produktif, dan memisahkan uang usaha dari "
                            "uang rumah tangga.</p>"
                        ),
                        "en": (
                            "<p>Well-managed money means a calmer family and a stronger business. "
                            "This module covers household budgeting, saving, using remittances "
                            "productively, and keeping business money apart from household "
                            "money.</p>"
                        ),
                    },
                    "lessons": [
                        {
                            "slug": "anggaran-dan-tabungan",
                            "title": {
                                "id": "Anggaran rumah tangga dan menabung",
                                "en": "Household budgeting and saving",
                            },
                            "summary": {
                                "id": (
                                    "Menyusun anggaran bulanan keluarga dan membiasakan menabung, "
                                    "walaupun sedikit."
                                ),
                                "en": (
                                    "Drawing up a monthly family budget and building a habit of "
                                    "saving, even a little."
                                ),
                            },
                            "minutes": 14,
                            "body": [
                                (
                                    "text",
                                    {
                                        "id": (
                                            "<p><strong>Anggaran</strong> adalah rencana "
                                            "penggunaan uang. Tanpa anggaran, uang sering habis "
                                            "tanpa kita tahu ke mana perginya. Caranya "
                                            "sederhana:</p><ul><li>Tulis semua "
                                            "<strong>pemasukan</strong> sebulan: hasil usaha, gaji "
                                            "suami, hasil panen, kiriman dari anak.</li><li>Tulis "
                                            "semua <strong>pengeluaran</strong>: makan, listrik, "
                                            "sekolah, pulsa, arisan, cicilan, sumbangan "
                                            "hajatan.</li><li>Bandingkan keduanya. Jika "
                                            "pengeluaran lebih besar, cari yang bisa "
                                            "dikurangi.</li></ul><p><strong>Menabung</strong> "
                                            "sebaiknya dilakukan di awal, bukan dari sisa. Begitu "
                                            "menerima uang, sisihkan dulu untuk tabungan, misalnya "
                                            "10 persen, baru sisanya dibelanjakan. Simpan tabungan "
                                            "di bank atau koperasi resmi, bukan di rumah, supaya "
                                            "tidak mudah terpakai. Agen bank di desa memudahkan "
                                            "Anda menyetor uang tanpa harus ke kota.</p><p>Siapkan "
                                            "juga <strong>dana darurat</strong> untuk sakit, gagal "
                                            "panen, atau kebutuhan mendadak, agar Anda tidak perlu "
                                            "berutang.</p>"
                                        ),
                                        "en": (
                                            "<p>A <strong>budget</strong> is a plan for how to use "
                                            "money. Without one, money often runs out and we don't "
                                            "know where it went. It is simple:</p><ul><li>Write "
                                            "down all monthly <strong>income</strong>: business "
                                            "earnings, your husband's wages, harvest income, money "
                                            "sent by your children.</li><li>Write down all "
                                            "<strong>spending</strong>: food, electricity, school, "
                                            "phone credit, arisan, loan instalments, gifts for "
                                            "celebrations.</li><li>Compare the two. If spending is "
                                            "higher, look for what can be "
                                            "cut.</li></ul><p><strong>Saving</strong> works best "
                                            "at the start, not from what is left over. As soon as "
                                            "you receive money, set aside savings first, say 10 "
                                            "percent, and spend only the rest. Keep savings in a "
                                            "bank or a licensed cooperative, not at home, so they "
                                            "are not easily spent. Bank agents in the village let "
                                            "you deposit money without travelling to "
                                            "town.</p><p>Also build an <strong>emergency "
                                            "fund</strong> for illness, a failed harvest or sudden "
                                            "needs, so you don't have to borrow.</p>"
                                        ),
                                    },
                                ),
                                (
                                    "callout",
                                    {
                                        "kind": "tip",
                                        "title": {
                                            "id": "Catat setiap hari",
                                            "en": "Write it down every day",
                                        },
                                        "text": {
                                            "id": (
                                                "<p>Gunakan buku kecil atau aplikasi catatan di "
                                                "ponsel. Catat setiap uang masuk dan keluar pada "
                                                "hari yang sama. Setelah sebulan, Anda akan tahu "
                                                "ke mana uang Anda pergi.</p>"
                                            ),
                                            "en": (
                                                "<p>Use a small notebook or a notes app on your "
                                                "phone. Record every amount that comes in and goes "
                                                "out on the same day. After a month, you will know "
                                                "where your money goes.</p>"
                                            ),
                                        },
                                    },
                                ),
                                (
                                    "key_points",
                                    {
                                        "title": {"id": "Poin penting", "en": "Key points"},
                                        "points": [
                                            {
                                                "id": "Anggaran adalah rencana, bukan larangan.",
                                                "en": "A budget is a plan, not a ban.",
                                            },
                                            {
                                                "id": "Sisihkan tabungan di awal, bukan dari sisa.",
                                                "en": (
                                                    "Set savings aside first, not from what is "
                                                    "left over."
                                                ),
                                            },
                                            {
                                                "id": (
                                                    "Simpan tabungan di bank atau koperasi resmi."
                                                ),
                                                "en": (
                                                    "Keep your savings in a bank or a licensed "
                                                    "cooperative."
                                                ),
                                            },
                                            {
                                                "id": (
                                                    "Dana darurat melindungi keluarga dari utang "
                                                    "baru."
                                                ),
                                                "en": (
                                                    "An emergency fund protects the family from "
                                                    "new debt."
                                                ),
                                            },
                                        ],
                                    },
                                ),
                                (
                                    "worksheet",
                                    {
                                        "title": {
                                            "id": "Anggaran rumah tangga bulanan",
                                            "en": "Monthly household budget",
                                        },
                                        "description": {
                                            "id": (
                                                "Isi kolom rencana di awal bulan dan kolom "
                                                "kenyataan di akhir bulan. Angka di bawah hanya "
                                                "contoh."
                                            ),
                                            "en": (
                                                "Fill in the plan column at the start of the month "
                                                "and the actual column at the end. The figures are "
                                                "only an example."
                                            ),
                                        },
                                        "filename": "anggaran-rumah-tangga.csv",
                                        "csv": [
                                            [
                                                "Jenis",
                                                "Uraian",
                                                "Rencana (Rp)",
                                                "Kenyataan (Rp)",
                                                "Selisih (Rp)",
                                            ],
                                            [
                                                "Pemasukan",
                                                "Hasil jualan keripik",
                                                "1.500.000",
                                                "",
                                                "",
                                            ],
                                            [
                                                "Pemasukan",
                                                "Upah suami (buruh tani)",
                                                "1.200.000",
                                                "",
                                                "",
                                            ],
                                            [
                                                "Pengeluaran",
                                                "Makan dan kebutuhan dapur",
                                                "1.100.000",
                                                "",
                                                "",
                                            ],
                                            ["Pengeluaran", "Sekolah anak", "300.000", "", ""],
                                            [
                                                "Pengeluaran",
                                                "Listrik, air, dan pulsa",
                                                "250.000",
                                                "",
                                                "",
                                            ],
                                            [
                                                "Pengeluaran",
                                                "Arisan dan sumbangan hajatan",
                                                "200.000",
                                                "",
                                                "",
                                            ],
                                            ["Pengeluaran", "Cicilan utang", "400.000", "", ""],
                                            [
                                                "Tabungan",
                                                "Tabungan rutin (10 persen)",
                                                "270.000",
                                                "",
                                                "",
                                            ],
                                            ["Tabungan", "Dana darurat", "180.000", "", ""],
                                        ],
                                    },
                                ),
                                (
                                    "reflection",
                                    {
                                        "question": {
                                            "id": (
                                                "Pengeluaran apa dalam sebulan terakhir yang "
                                                "sebenarnya bisa dikurangi?"
                                            ),
                                            "en": (
                                                "Which of last month's expenses could actually "
                                                "have been reduced?"
                                            ),
                                        },
                                        "hint": {
                                            "id": (
                                                "Lihat pengeluaran kecil yang sering, seperti "
                                                "jajan, rokok, atau pulsa. Dalam sebulan jumlahnya "
                                                "bisa besar."
                                            ),
                                            "en": (
                                                "Look at small, frequent spending such as snacks, "
                                                "cigarettes or phone credit. Over a month it can "
                                                "add up to a lot."
                                            ),
                                        },
                                    },
                                ),
                            ],
                        },
                        {
                            "slug": "kiriman-uang-produktif",
                            "title": {
                                "id": "Kiriman uang yang produktif dan memisahkan uang usaha",
                                "en": (
                                    "Using remittances productively and separating business money"
                                ),
                            },
                            "summary": {
                                "id": (
                                    "Memakai kiriman uang dan tabungan dari rantau untuk hal yang "
                                    "menghasilkan, serta memisahkan uang usaha dari uang rumah "
                                    "tangga."
                                ),
                                "en": (
                                    "Putting remittances and savings from abroad to productive "
                                    "use, and keeping business money apart from household money."
                                ),
                            },
                            "minutes": 12,
                            "body": [
                                (
                                    "text",
                                    {
                                        "id": (
                                            "<p>Kiriman uang dari luar negeri adalah hasil kerja "
                                            "keras. Sayang jika semuanya habis untuk barang yang "
                                            "tidak menghasilkan. Cobalah membagi kiriman uang atau "
                                            "tabungan dari rantau ke dalam beberapa "
                                            "pos:</p><ul><li><strong>Kebutuhan pokok dan "
                                            "utang</strong> yang "
                                            "mendesak.</li><li><strong>Tabungan dan dana "
                                            "darurat</strong>.</li><li><strong>Modal "
                                            "produktif</strong>: mesin jahit, bahan baku, ternak, "
                                            "atau kios kecil yang bisa menghasilkan "
                                            "uang.</li></ul><p>Jika masih ada anggota keluarga "
                                            "yang bekerja di luar negeri, bicarakan rencana ini "
                                            "bersama agar kiriman berikutnya punya tujuan yang "
                                            "jelas.</p><p>Setelah usaha berjalan, <strong>pisahkan "
                                            "uang usaha dari uang rumah tangga</strong>. Ibu Yuni "
                                            "di Wonosobo dulu memakai satu dompet untuk semuanya. "
                                            "Uang jualan kopi terpakai untuk belanja dapur, dan ia "
                                            "tidak tahu apakah usahanya untung. Sekarang ia "
                                            "memakai dua dompet dan membayar dirinya sendiri "
                                            "“gaji” tetap setiap minggu dari uang usaha.</p>"
                                        ),
                                        "en": (
                                            "<p>Money sent home from abroad is the fruit of hard "
                                            "work. It is a shame if all of it goes on things that "
                                            "earn nothing. Try dividing remittances or savings "
                                            "from abroad into a few pots:</p><ul><li><strong>Basic "
                                            "needs and urgent "
                                            "debts</strong>.</li><li><strong>Savings and an "
                                            "emergency fund</strong>.</li><li><strong>Productive "
                                            "capital</strong>: a sewing machine, raw materials, "
                                            "livestock or a small kiosk that can earn "
                                            "money.</li></ul><p>If a family member is still "
                                            "working abroad, discuss this plan together so the "
                                            "next transfers have a clear purpose.</p><p>Once the "
                                            "business is running, <strong>keep business money "
                                            "apart from household money</strong>. Ibu Yuni in "
                                            "Wonosobo used to have one purse for everything. Money "
                                            "from selling coffee went on kitchen shopping, and she "
                                            "could not tell whether the business made a profit. "
                                            "Now she uses two purses and pays herself a fixed "
                                            "weekly “salary” from the business money.</p>"
                                        ),
                                    },
                                ),
                                (
                                    "callout",
                                    {
                                        "kind": "warning",
                                        "title": {
                                            "id": "Waspadai tawaran investasi",
                                            "en": "Be wary of investment offers",
                                        },
                                        "text": {
                                            "id": (
                                                "<p>Hati-hati dengan orang yang menjanjikan untung "
                                                "besar dan cepat untuk uang hasil rantau Anda. "
                                                "Jika terdengar terlalu bagus untuk jadi "
                                                "kenyataan, kemungkinan besar itu penipuan. Cek "
                                                "izinnya di <strong>OJK</strong> sebelum "
                                                "menyerahkan uang.</p>"
                                            ),
                                            "en": (
                                                "<p>Be careful with anyone who promises big, fast "
                                                "profits for the money you earned abroad. If it "
                                                "sounds too good to be true, it is most likely a "
                                                "scam. Check its licence with <strong>OJK</strong> "
                                                "before handing over any money.</p>"
                                            ),
                                        },
                                    },
                                ),
                                (
                                    "key_points",
                                    {
                                        "title": {"id": "Poin penting", "en": "Key points"},
                                        "points": [
                                            {
                                                "id": (
                                                    "Bagi kiriman uang ke pos kebutuhan, tabungan, "
                                                    "dan modal produktif."
                                                ),
                                                "en": (
                                                    "Divide remittances into pots for needs, "
                                                    "savings and productive capital."
                                                ),
                                            },
                                            {
                                                "id": (
                                                    "Modal produktif adalah barang yang bisa "
                                                    "menghasilkan uang lagi."
                                                ),
                                                "en": (
                                                    "Productive capital is something that can earn "
                                                    "money again."
                                                ),
                                            },
                                            {
                                                "id": (
                                                    "Pisahkan dompet atau rekening usaha dari "
                                                    "rumah tangga."
                                                ),
                                                "en": (
                                                    "Keep separate purses or accounts for the "
                                                    "business and the household."
                                                ),
                                            },
                                            {
                                                "id": (
                                                    "Bayar diri sendiri gaji tetap dari uang usaha."
                                                ),
                                                "en": (
                                                    "Pay yourself a fixed salary from the business "
                                                    "money."
                                                ),
                                            },
                                        ],
                                    },
                                ),
                                (
                                    "worksheet",
                                    {
                                        "title": {"id": "Rencana tabungan", "en": "Savings plan"},
                                        "description": {
                                            "id": (
                                                "Tulis tujuan tabungan Anda, berapa yang "
                                                "dibutuhkan, dan berapa yang disetor setiap bulan. "
                                                "Angka di bawah hanya contoh."
                                            ),
                                            "en": (
                                                "Write down your savings goals, how much each "
                                                "needs and how much you will put aside every "
                                                "month. The figures are only an example."
                                            ),
                                        },
                                        "filename": "rencana-tabungan.csv",
                                        "csv": [
                                            [
                                                "Tujuan",
                                                "Target (Rp)",
                                                "Setoran per bulan (Rp)",
                                                "Lama (bulan)",
                                                "Disimpan di",
                                            ],
                                            [
                                                "Dana darurat",
                                                "3.000.000",
                                                "250.000",
                                                "12",
                                                "Tabungan bank",
                                            ],
                                            [
                                                "Mesin jahit bekas",
                                                "1.800.000",
                                                "300.000",
                                                "6",
                                                "Koperasi simpan pinjam",
                                            ],
                                            [
                                                "Biaya sekolah tahun depan",
                                                "1.200.000",
                                                "100.000",
                                                "12",
                                                "Tabungan bank",
                                            ],
                                            ["", "", "", "", ""],
                                            ["", "", "", "", ""],
                                        ],
                                    },
                                ),
                                (
                                    "reflection",
                                    {
                                        "question": {
                                            "id": (
                                                "Jika Anda memegang Rp5.000.000 dari tabungan "
                                                "rantau, bagaimana Anda akan membaginya?"
                                            ),
                                            "en": (
                                                "If you had Rp5,000,000 in savings from abroad, "
                                                "how would you divide it?"
                                            ),
                                        },
                                        "hint": {
                                            "id": (
                                                "Tulis berapa bagian untuk kebutuhan, tabungan, "
                                                "dan modal usaha, lalu diskusikan dengan keluarga."
                                            ),
                                            "en": (
                                                "Write down how much goes to needs, savings and "
                                                "business capital, then discuss it with your "
                                                "family."
                                            ),
                                        },
                                    },
                                ),
                            ],
                        },
                    ],
                },
            ],
        },
        {
            "slug": "penguasaan",
            "kind": "mastery",
            "title": {"id": "Penguasaan", "en": "Mastery"},
            "intro": {
                "id": (
                    "<p>Tahap ketiga berupa <strong>klinik pendampingan</strong> bersama "
                    "pendamping usaha, lalu <strong>tugas jarak jauh</strong>. Pelajaran di sini "
                    "menjadi bahan klinik: akses modal, izin produk, pemasaran digital, dan desain "
                    "produk.</p>"
                ),
                "en": (
                    "<p>The third stage consists of <strong>coaching clinics</strong> with "
                    "business coaches, followed by <strong>remote assignments</strong>. The "
                    "lessons here are the material for the clinics: access to capital, product "
                    "permits, digital marketing and product design.</p>"
                ),
            },
            "modules": [
                {
                    "slug": "akses-modal-dan-izin-produk",
                    "title": {
                        "id": "Akses modal dan izin produk",
                        "en": "Access to capital and product permits",
                    },
                    "intro": {
                        "id": (
                            "<p>Cara mendapat modal dengan aman dan mengurus izin agar produk Anda "
                            "bisa dijual lebih luas.</p>"
                        ),
                        "en": (
                            "<p>How to get capital safely and obtain the permits that let you sell "
                            "your product more widely.</p>"
                        ),
                    },
                    "lessons": [
                        {
                            "slug": "modal-kur-dan-koperasi",
                            "title": {
                                "id": "Modal usaha: KUR dan koperasi",
                                "en": "Business capital: KUR and cooperatives",
                            },
                            "summary": {
                                "id": (
                                    "Mengenal Kredit Usaha Rakyat dan koperasi, serta catatan yang "
                                    "biasanya diminta pemberi pinjaman."
                                ),
                                "en": (
                                    "Getting to know People's Business Credit (KUR) and "
                                    "cooperatives, and the records lenders usually ask for."
                                ),
                            },
                            "minutes": 12,
                            "body": [
                                (
                                    "text",
                                    {
                                        "id": (
                                            "<p>Saat usaha mulai berjalan dan ingin berkembang, "
                                            "Anda mungkin butuh tambahan modal. Ada dua pilihan "
                                            "yang aman untuk usaha kecil:</p><ul><li><strong>KUR "
                                            "(Kredit Usaha Rakyat)</strong>: pinjaman program "
                                            "pemerintah yang disalurkan melalui bank dan lembaga "
                                            "keuangan yang ditunjuk. Bunganya disubsidi pemerintah "
                                            "sehingga lebih ringan daripada pinjaman biasa. Untuk "
                                            "pinjaman kecil, biasanya tidak diminta jaminan "
                                            "tambahan.</li><li><strong>Koperasi</strong>: anggota "
                                            "menabung bersama dan dapat meminjam dari dana "
                                            "bersama. Pilih koperasi yang berbadan hukum dan "
                                            "terdaftar di Dinas Koperasi, dan pahami aturannya "
                                            "sebelum menjadi anggota.</li></ul><p>Pemberi pinjaman "
                                            "ingin yakin Anda mampu membayar kembali. Karena itu, "
                                            "mereka biasanya meminta <strong>KTP dan Kartu "
                                            "Keluarga</strong>, <strong>NIB</strong> atau surat "
                                            "keterangan usaha dari desa, bukti bahwa usaha sudah "
                                            "berjalan, dan <strong>catatan keuangan</strong> "
                                            "sederhana. Ibu Nur di Lombok Timur mengajukan KUR "
                                            "untuk membeli wajan dan kompor besar untuk "
                                            "kerupuknya. Buku catatan penjualan selama enam bulan "
                                            "membantu petugas bank memahami "
                                            "usahanya.</p><p>Pinjamlah sesuai kebutuhan dan "
                                            "kemampuan membayar, bukan sebanyak yang "
                                            "ditawarkan.</p>"
                                        ),
                                        "en": (
                                            "<p>When your business is running and you want it to "
                                            "grow, you may need extra capital. There are two safe "
                                            "options for small businesses:</p><ul><li><strong>KUR "
                                            "(Kredit Usaha Rakyat, People's Business "
                                            "Credit)</strong>: a government programme loan offered "
                                            "through appointed banks and financial institutions. "
                                            "The interest is subsidised by the government, so it "
                                            "is lighter than an ordinary loan. For small loans, "
                                            "extra collateral is usually not "
                                            "required.</li><li><strong>Cooperatives</strong>: "
                                            "members save together and can borrow from the shared "
                                            "fund. Choose a cooperative that is a legal entity "
                                            "registered with the district Cooperatives Office, and "
                                            "understand its rules before you "
                                            "join.</li></ul><p>Lenders want to be sure you can pay "
                                            "them back. That is why they usually ask for your "
                                            "<strong>ID card and family card</strong>, an "
                                            "<strong>NIB</strong> or a business letter from the "
                                            "village office, proof that the business is already "
                                            "running, and simple <strong>financial "
                                            "records</strong>. Ibu Nur in Lombok Timur applied for "
                                            "KUR to buy a large wok and stove for her kerupuk. Her "
                                            "sales book covering six months helped the bank "
                                            "officer understand her business.</p><p>Borrow what "
                                            "you need and can repay, not as much as you are "
                                            "offered.</p>"
                                        ),
                                    },
                                ),
                                (
                                    "callout",
                                    {
                                        "kind": "warning",
                                        "title": {
                                            "id": "Kenali pinjaman online ilegal",
                                            "en": "Recognise illegal online loans",
                                        },
                                        "text": {
                                            "id": (
                                                "<p>Pinjaman online ilegal sering menawarkan uang "
                                                "cair cepat tanpa syarat, lalu meminta akses ke "
                                                "daftar kontak di ponsel Anda. Jangan berikan. "
                                                "Pastikan pemberi pinjaman terdaftar di "
                                                "<strong>OJK</strong> (Kontak OJK 157), dan baca "
                                                "semua biaya sebelum menandatangani.</p>"
                                            ),
                                            "en": (
                                                "<p>Illegal online lenders often offer fast cash "
                                                "with no requirements, then ask for access to the "
                                                "contacts on your phone. Do not allow it. Make "
                                                "sure the lender is registered with "
                                                "<strong>OJK</strong> (OJK contact line 157), and "
                                                "read every fee before you sign.</p>"
                                            ),
                                        },
                                    },
                                ),
                                (
                                    "key_points",
                                    {
                                        "title": {"id": "Poin penting", "en": "Key points"},
                                        "points": [
                                            {
                                                "id": (
                                                    "KUR adalah pinjaman program pemerintah dengan "
                                                    "bunga yang disubsidi."
                                                ),
                                                "en": (
                                                    "KUR is a government programme loan with "
                                                    "subsidised interest."
                                                ),
                                            },
                                            {
                                                "id": (
                                                    "Koperasi resmi memberi pinjaman kepada "
                                                    "anggotanya."
                                                ),
                                                "en": (
                                                    "A licensed cooperative lends to its members."
                                                ),
                                            },
                                            {
                                                "id": (
                                                    "Catatan keuangan yang rapi memudahkan "
                                                    "pengajuan pinjaman."
                                                ),
                                                "en": (
                                                    "Tidy financial records make it easier to "
                                                    "apply for a loan."
                                                ),
                                            },
                                            {
                                                "id": "Hitung kemampuan mencicil sebelum meminjam.",
                                                "en": (
                                                    "Work out what instalments you can afford "
                                                    "before you borrow."
                                                ),
                                            },
                                        ],
                                    },
                                ),
                                (
                                    "worksheet",
                                    {
                                        "title": {
                                            "id": "Catatan kas harian usaha",
                                            "en": "Daily business cash book",
                                        },
                                        "description": {
                                            "id": (
                                                "Catat setiap uang masuk dan keluar usaha Anda. "
                                                "Catatan ini yang biasanya diminta bank atau "
                                                "koperasi."
                                            ),
                                            "en": (
                                                "Record all money coming into and going out of "
                                                "your business. Banks and cooperatives usually ask "
                                                "for records like this."
                                            ),
                                        },
                                        "filename": "catatan-kas-harian.csv",
                                        "csv": [
                                            [
                                                "Tanggal",
                                                "Keterangan",
                                                "Uang masuk (Rp)",
                                                "Uang keluar (Rp)",
                                                "Saldo (Rp)",
                                            ],
                                            ["1 Maret", "Saldo awal", "", "", "500.000"],
                                            [
                                                "1 Maret",
                                                "Beli tepung tapioka dan minyak",
                                                "",
                                                "180.000",
                                                "320.000",
                                            ],
                                            [
                                                "2 Maret",
                                                "Jual kerupuk ke 3 warung",
                                                "240.000",
                                                "",
                                                "560.000",
                                            ],
                                            [
                                                "3 Maret",
                                                "Beli plastik kemasan",
                                                "",
                                                "40.000",
                                                "520.000",
                                            ],
                                            [
                                                "4 Maret",
                                                "Jual kerupuk di pasar",
                                                "310.000",
                                                "",
                                                "830.000",
                                            ],
                                            ["", "", "", "", ""],
                                            ["", "", "", "", ""],
                                        ],
                                    },
                                ),
                                (
                                    "reflection",
                                    {
                                        "question": {
                                            "id": (
                                                "Jika Anda meminjam modal, untuk apa tepatnya uang "
                                                "itu, dan bagaimana pinjaman itu akan menambah "
                                                "penghasilan Anda?"
                                            ),
                                            "en": (
                                                "If you borrow capital, what exactly is the money "
                                                "for, and how will the loan increase your income?"
                                            ),
                                        },
                                        "hint": {
                                            "id": (
                                                "Pinjaman yang baik dipakai untuk hal yang "
                                                "menghasilkan uang, sehingga cicilannya bisa "
                                                "dibayar dari hasil usaha."
                                            ),
                                            "en": (
                                                "A good loan pays for something that earns money, "
                                                "so the instalments can be paid from the business "
                                                "income."
                                            ),
                                        },
                                    },
                                ),
                            ],
                        },
                        {
                            "slug": "izin-pirt-halal-bpom",
                            "title": {
                                "id": "Izin produk: NIB, PIRT, halal, dan BPOM",
                                "en": "Product permits: NIB, PIRT, halal and BPOM",
                            },
                            "summary": {
                                "id": (
                                    "Mengenal izin yang dibutuhkan agar produk bisa masuk toko, "
                                    "pusat oleh-oleh, dan pasar daring."
                                ),
                                "en": (
                                    "Getting to know the permits a product needs to be sold in "
                                    "shops, souvenir centres and online marketplaces."
                                ),
                            },
                            "minutes": 15,
                            "body": [
                                (
                                    "text",
                                    {
                                        "id": (
                                            "<p>Produk yang punya izin lebih dipercaya pembeli dan "
                                            "bisa dijual di toko modern, pusat oleh-oleh, atau "
                                            "pasar daring. Urutannya biasanya seperti "
                                            "ini:</p><ul><li><strong>NIB (Nomor Induk "
                                            "Berusaha)</strong>: identitas usaha Anda. Daftar "
                                            "sendiri secara daring dan gratis melalui "
                                            "<strong>OSS</strong> (oss.go.id) dengan NIK, alamat "
                                            "email, dan nomor ponsel.</li><li><strong>PIRT (Pangan "
                                            "Industri Rumah Tangga)</strong>: sertifikat untuk "
                                            "makanan olahan rumahan yang awet di suhu ruang, "
                                            "seperti keripik, kerupuk, kopi bubuk, atau kue "
                                            "kering. Sertifikat ini dikeluarkan pemerintah "
                                            "kabupaten melalui Dinas Kesehatan. Anda perlu ikut "
                                            "penyuluhan keamanan pangan, dan petugas akan "
                                            "memeriksa tempat produksi.</li><li><strong>Sertifikat "
                                            "halal</strong>: dikeluarkan oleh "
                                            "<strong>BPJPH</strong>. Usaha mikro dan kecil dengan "
                                            "bahan sederhana yang jelas halal bisa memakai jalur "
                                            "<em>self-declare</em> lewat program "
                                            "<strong>SEHATI</strong> (Sertifikasi Halal Gratis), "
                                            "dibantu pendamping proses produk "
                                            "halal.</li><li><strong>Izin edar BPOM</strong>: wajib "
                                            "untuk pangan olahan yang lebih berisiko, misalnya "
                                            "produk susu, makanan beku, makanan kaleng, atau "
                                            "makanan bayi, dan untuk kosmetik seperti sabun dan "
                                            "lulur.</li></ul><p>Ibu Yuni di Wonosobo mengurus NIB, "
                                            "lalu PIRT untuk kopi bubuknya, kemudian sertifikat "
                                            "halal lewat SEHATI. Kini kopinya dijual di pusat "
                                            "oleh-oleh.</p>"
                                        ),
                                        "en": (
                                            "<p>Products with permits are trusted more by buyers "
                                            "and can be sold in modern shops, souvenir centres and "
                                            "online marketplaces. The usual order "
                                            "is:</p><ul><li><strong>NIB (Business Identification "
                                            "Number)</strong>: your business's identity. Register "
                                            "yourself online for free through <strong>OSS</strong> "
                                            "(oss.go.id) with your NIK, an email address and a "
                                            "phone number.</li><li><strong>PIRT (Home Industry "
                                            "Food)</strong>: a certificate for home-made processed "
                                            "food that keeps at room temperature, such as keripik, "
                                            "kerupuk, ground coffee or cookies. It is issued by "
                                            "the district government through the District Health "
                                            "Office. You need to attend a food safety course, and "
                                            "an officer will inspect where you "
                                            "cook.</li><li><strong>Halal certificate</strong>: "
                                            "issued by <strong>BPJPH</strong>, the Halal Product "
                                            "Assurance Agency. Micro and small businesses using "
                                            "simple ingredients that are clearly halal can take "
                                            "the free <em>self-declare</em> route through the "
                                            "<strong>SEHATI</strong> programme, with help from a "
                                            "halal process facilitator.</li><li><strong>BPOM "
                                            "marketing authorisation</strong>: required for "
                                            "higher-risk processed food, such as dairy products, "
                                            "frozen food, canned food or baby food, and for "
                                            "cosmetics such as soap and body "
                                            "scrubs.</li></ul><p>Ibu Yuni in Wonosobo got her NIB, "
                                            "then PIRT for her ground coffee, then a halal "
                                            "certificate through SEHATI. Her coffee is now sold in "
                                            "a souvenir centre.</p>"
                                        ),
                                    },
                                ),
                                (
                                    "callout",
                                    {
                                        "kind": "info",
                                        "title": {
                                            "id": "Tanyakan ke dinas setempat",
                                            "en": "Ask your local office",
                                        },
                                        "text": {
                                            "id": (
                                                "<p>Syarat dan jadwal penyuluhan bisa berbeda di "
                                                "setiap kabupaten. Tanyakan ke Dinas Kesehatan, "
                                                "Dinas Koperasi dan UKM, atau Mal Pelayanan Publik "
                                                "di kabupaten Anda. Waspadai calo yang meminta "
                                                "bayaran untuk layanan gratis seperti NIB dan "
                                                "SEHATI.</p>"
                                            ),
                                            "en": (
                                                "<p>Requirements and course schedules differ "
                                                "between districts. Ask the Health Office, the "
                                                "Cooperatives and SME Office or the Public Service "
                                                "Mall in your district. Beware of middlemen who "
                                                "ask for payment for free services such as NIB and "
                                                "SEHATI.</p>"
                                            ),
                                        },
                                    },
                                ),
                                (
                                    "key_points",
                                    {
                                        "title": {"id": "Poin penting", "en": "Key points"},
                                        "points": [
                                            {
                                                "id": (
                                                    "Mulai dengan NIB dari OSS: gratis dan bisa "
                                                    "diurus sendiri."
                                                ),
                                                "en": (
                                                    "Start with an NIB from OSS: it is free and "
                                                    "you can do it yourself."
                                                ),
                                            },
                                            {
                                                "id": (
                                                    "PIRT untuk makanan olahan rumahan yang awet, "
                                                    "diurus melalui Dinas Kesehatan kabupaten."
                                                ),
                                                "en": (
                                                    "PIRT is for long-lasting home-made food, via "
                                                    "the District Health Office."
                                                ),
                                            },
                                            {
                                                "id": (
                                                    "Sertifikat halal dari BPJPH; usaha mikro bisa "
                                                    "memakai jalur gratis SEHATI."
                                                ),
                                                "en": (
                                                    "Halal certificates come from BPJPH; micro "
                                                    "businesses can use the free SEHATI route."
                                                ),
                                            },
                                            {
                                                "id": (
                                                    "Kosmetik dan pangan olahan berisiko tinggi "
                                                    "butuh izin edar BPOM."
                                                ),
                                                "en": (
                                                    "Cosmetics and higher-risk processed food need "
                                                    "BPOM authorisation."
                                                ),
                                            },
                                        ],
                                    },
                                ),
                                (
                                    "image",
                                    {
                                        "caption": {
                                            "id": (
                                                "Contoh label kerupuk dengan nomor P-IRT dan logo "
                                                "halal."
                                            ),
                                            "en": (
                                                "Example of a kerupuk label showing a P-IRT number "
                                                "and the halal logo."
                                            ),
                                        },
                                        "alt": {
                                            "id": (
                                                "Ilustrasi bungkus kerupuk dengan label dan logo "
                                                "halal."
                                            ),
                                            "en": (
                                                "Illustration of a kerupuk pack with a label and "
                                                "the halal logo."
                                            ),
                                        },
                                        "colour": "#c2693b",
                                        "label": "P-IRT",
                                    },
                                ),
                                (
                                    "reflection",
                                    {
                                        "question": {
                                            "id": (
                                                "Produk Anda termasuk jenis apa, dan izin mana "
                                                "yang perlu Anda urus lebih dulu?"
                                            ),
                                            "en": (
                                                "What kind of product do you make, and which "
                                                "permit should you apply for first?"
                                            ),
                                        },
                                        "hint": {
                                            "id": (
                                                "Mulai dari NIB. Jika produknya makanan awet "
                                                "buatan rumah, lanjutkan ke PIRT dan sertifikat "
                                                "halal."
                                            ),
                                            "en": (
                                                "Start with the NIB. For long-lasting home-made "
                                                "food, go on to PIRT and halal certification."
                                            ),
                                        },
                                    },
                                ),
                            ],
                        },
                    ],
                },
                {
                    "slug": "pemasaran-digital-dan-desain-produk",
                    "title": {
                        "id": "Pemasaran digital dan desain produk",
                        "en": "Digital marketing and product design",
                    },
                    "intro": {
                        "id": (
                            "<p>Produk yang bagus perlu dilihat dan dipercaya pembeli. Modul ini "
                            "membahas berjualan lewat WhatsApp Business, memotret produk dengan "
                            "ponsel, membuat kemasan dan label, serta menghitung harga.</p>"
                        ),
                        "en": (
                            "<p>A good product needs to be seen and trusted by buyers. This module "
                            "covers selling through WhatsApp Business, photographing products with "
                            "your phone, packaging and labels, and pricing.</p>"
                        ),
                    },
                    "lessons": [
                        {
                            "slug": "katalog-whatsapp-dan-foto-produk",
                            "title": {
                                "id": "Katalog WhatsApp Business dan foto produk",
                                "en": "WhatsApp Business catalogue and product photos",
                            },
                            "summary": {
                                "id": (
                                    "Menyiapkan toko sederhana di WhatsApp Business dan memotret "
                                    "produk dengan ponsel agar menarik pembeli."
                                ),
                                "en": (
                                    "Setting up a simple shop in WhatsApp Business and taking "
                                    "product photos with your phone that attract buyers."
                                ),
                            },
                            "minutes": 12,
                            "body": [
                                (
                                    "text",
                                    {
                                        "id": (
                                            "<p>Banyak pembeli, di desa maupun di kota, sudah "
                                            "memakai WhatsApp. Aplikasi <strong>WhatsApp "
                                            "Business</strong> gratis dan punya fitur yang "
                                            "membantu usaha kecil:</p><ul><li><strong>Profil "
                                            "bisnis</strong>: nama usaha, alamat, jam buka, dan "
                                            "keterangan singkat.</li><li><strong>Katalog</strong>: "
                                            "daftar produk dengan foto, harga, dan keterangan, "
                                            "yang bisa dikirim kepada "
                                            "pembeli.</li><li><strong>Balasan cepat</strong> dan "
                                            "<strong>pesan salam</strong>: jawaban siap pakai "
                                            "untuk pertanyaan yang sering "
                                            "muncul.</li><li><strong>Label</strong>: menandai "
                                            "pelanggan, misalnya “pesanan baru” atau “sudah "
                                            "bayar”.</li></ul><p>Pakai juga "
                                            "<strong>Status</strong> untuk memperlihatkan proses "
                                            "produksi, pesanan yang dikirim, dan pendapat "
                                            "pembeli.</p><p>Foto yang baik membuat produk laku. "
                                            "Anda tidak perlu kamera mahal. Bersihkan lensa "
                                            "ponsel, lalu ambil foto di dekat jendela pada siang "
                                            "hari tanpa lampu kilat. Pakai latar polos, misalnya "
                                            "kain atau papan kayu. Ambil beberapa sudut: dari "
                                            "depan, dari dekat, dan saat produk dipakai atau "
                                            "disajikan.</p>"
                                        ),
                                        "en": (
                                            "<p>Many buyers, in villages and in towns, already use "
                                            "WhatsApp. The <strong>WhatsApp Business</strong> app "
                                            "is free and has features that help small "
                                            "businesses:</p><ul><li><strong>Business "
                                            "profile</strong>: business name, address, opening "
                                            "hours and a short "
                                            "description.</li><li><strong>Catalogue</strong>: a "
                                            "list of products with photos, prices and descriptions "
                                            "that you can send to buyers.</li><li><strong>Quick "
                                            "replies</strong> and a <strong>greeting "
                                            "message</strong>: ready-made answers to common "
                                            "questions.</li><li><strong>Labels</strong>: to tag "
                                            "customers, for example “new order” or "
                                            "“paid”.</li></ul><p>Also use <strong>Status</strong> "
                                            "to show how you make things, orders being sent and "
                                            "what buyers say.</p><p>Good photos sell products. You "
                                            "don't need an expensive camera. Wipe your phone's "
                                            "lens, then take photos near a window during the day, "
                                            "without flash. Use a plain background such as a cloth "
                                            "or a wooden board. Take several angles: from the "
                                            "front, close up, and with the product in use or "
                                            "served.</p>"
                                        ),
                                    },
                                ),
                                (
                                    "callout",
                                    {
                                        "kind": "tip",
                                        "title": {
                                            "id": "Tunjukkan produk saat dipakai",
                                            "en": "Show the product in use",
                                        },
                                        "text": {
                                            "id": (
                                                "<p>Dewi di Karawang memotret baju jahitannya saat "
                                                "dipakai pelanggan, tentu dengan izin mereka. "
                                                "Pembeli lebih mudah membayangkan ukuran dan "
                                                "kualitas jahitan daripada melihat baju yang "
                                                "terlipat.</p>"
                                            ),
                                            "en": (
                                                "<p>Dewi in Karawang photographs the clothes she "
                                                "sews while customers are wearing them, with their "
                                                "permission of course. Buyers can picture the fit "
                                                "and the quality of the stitching more easily than "
                                                "from a folded garment.</p>"
                                            ),
                                        },
                                    },
                                ),
                                (
                                    "key_points",
                                    {
                                        "title": {"id": "Poin penting", "en": "Key points"},
                                        "points": [
                                            {
                                                "id": (
                                                    "WhatsApp Business gratis dan punya fitur "
                                                    "katalog produk."
                                                ),
                                                "en": (
                                                    "WhatsApp Business is free and has a product "
                                                    "catalogue."
                                                ),
                                            },
                                            {
                                                "id": (
                                                    "Isi profil bisnis dengan lengkap supaya "
                                                    "pembeli percaya."
                                                ),
                                                "en": (
                                                    "Fill in your business profile completely so "
                                                    "buyers trust you."
                                                ),
                                            },
                                            {
                                                "id": (
                                                    "Cahaya alami dan latar polos membuat foto "
                                                    "lebih menarik."
                                                ),
                                                "en": (
                                                    "Natural light and a plain background make "
                                                    "photos more attractive."
                                                ),
                                            },
                                            {
                                                "id": (
                                                    "Perbarui Status secara rutin, tetapi jangan "
                                                    "berlebihan."
                                                ),
                                                "en": (
                                                    "Update your Status regularly, but don't "
                                                    "overdo it."
                                                ),
                                            },
                                        ],
                                    },
                                ),
                                (
                                    "image",
                                    {
                                        "caption": {
                                            "id": (
                                                "Kain tenun ikat difoto di dekat jendela dengan "
                                                "latar papan kayu polos."
                                            ),
                                            "en": (
                                                "A tenun ikat cloth photographed near a window "
                                                "against a plain wooden board."
                                            ),
                                        },
                                        "alt": {
                                            "id": (
                                                "Ilustrasi ponsel memotret kain tenun di atas meja "
                                                "kayu dekat jendela."
                                            ),
                                            "en": (
                                                "Illustration of a phone photographing a woven "
                                                "cloth on a wooden table by a window."
                                            ),
                                        },
                                        "colour": "#1f5f8b",
                                        "label": "Foto",
                                    },
                                ),
                                (
                                    "reflection",
                                    {
                                        "question": {
                                            "id": (
                                                "Produk apa yang akan Anda masukkan pertama kali "
                                                "ke katalog, dan foto seperti apa yang paling "
                                                "menunjukkan kelebihannya?"
                                            ),
                                            "en": (
                                                "Which product will you put in your catalogue "
                                                "first, and what kind of photo best shows what "
                                                "makes it special?"
                                            ),
                                        },
                                        "hint": {
                                            "id": (
                                                "Pikirkan apa yang membuat produk Anda berbeda: "
                                                "rasa, motif, bahan, atau cara membuatnya."
                                            ),
                                            "en": (
                                                "Think about what makes your product different: "
                                                "the taste, the motif, the materials or how it is "
                                                "made."
                                            ),
                                        },
                                    },
                                ),
                            ],
                        },
                        {
                            "slug": "kemasan-label-dan-harga",
                            "title": {
                                "id": "Kemasan, label, dan harga jual",
                                "en": "Packaging, labels and pricing",
                            },
                            "summary": {
                                "id": (
                                    "Merancang kemasan dan label yang jelas, lalu menghitung harga "
                                    "jual yang menutup biaya dan memberi untung."
                                ),
                                "en": (
                                    "Designing clear packaging and labels, then working out a "
                                    "selling price that covers costs and makes a profit."
                                ),
                            },
                            "minutes": 15,
                            "body": [
                                (
                                    "text",
                                    {
                                        "id": (
                                            "<p>Kemasan melindungi produk sekaligus menjadi "
                                            "“penjual yang diam”. Keripik yang sama bisa dihargai "
                                            "lebih tinggi jika kemasannya rapi, bersih, dan "
                                            "tertutup rapat. Untuk awal, kantong plastik tebal "
                                            "yang bisa berdiri dan dikunci (<em>standing "
                                            "pouch</em>) dengan stiker label sudah "
                                            "cukup.</p><p>Label makanan kemasan sebaiknya memuat "
                                            "<strong>nama produk</strong>, <strong>daftar "
                                            "bahan</strong>, <strong>berat bersih</strong>, "
                                            "<strong>nama dan alamat produsen</strong>, "
                                            "<strong>nomor izin</strong> (misalnya P-IRT), "
                                            "<strong>tanggal kedaluwarsa</strong>, dan "
                                            "<strong>logo halal</strong> jika sudah bersertifikat. "
                                            "Tambahkan nomor WhatsApp agar pembeli bisa memesan "
                                            "lagi.</p><p>Lalu hitung <strong>harga pokok</strong>: "
                                            "semua biaya untuk membuat satu bungkus, yaitu bahan, "
                                            "kemasan, gas atau listrik, dan upah tenaga, termasuk "
                                            "tenaga Anda sendiri. Harga jual adalah harga pokok "
                                            "ditambah keuntungan. Bandingkan juga dengan harga "
                                            "produk serupa di pasar.</p>"
                                        ),
                                        "en": (
                                            "<p>Packaging protects the product and is also a "
                                            "“silent salesperson”. The same keripik can fetch a "
                                            "higher price if the pack is neat, clean and tightly "
                                            "sealed. To begin with, a thick resealable plastic bag "
                                            "that stands up (a <em>standing pouch</em>) with a "
                                            "sticker label is enough.</p><p>A packaged food label "
                                            "should show the <strong>product name</strong>, "
                                            "<strong>ingredients</strong>, <strong>net "
                                            "weight</strong>, <strong>producer's name and "
                                            "address</strong>, <strong>permit number</strong> (for "
                                            "example P-IRT), <strong>expiry date</strong>, and the "
                                            "<strong>halal logo</strong> once you are certified. "
                                            "Add your WhatsApp number so buyers can order "
                                            "again.</p><p>Then work out the <strong>cost "
                                            "price</strong>: everything it costs to make one pack, "
                                            "meaning ingredients, packaging, gas or electricity, "
                                            "and labour, including your own. The selling price is "
                                            "the cost price plus profit. Compare it with the price "
                                            "of similar products at the market, too.</p>"
                                        ),
                                    },
                                ),
                                (
                                    "callout",
                                    {
                                        "kind": "warning",
                                        "title": {
                                            "id": "Jangan lupakan upah Anda sendiri",
                                            "en": "Don't forget your own wages",
                                        },
                                        "text": {
                                            "id": (
                                                "<p>Banyak ibu tidak menghitung waktu kerjanya "
                                                "sendiri, sehingga usaha tampak untung padahal "
                                                "sebenarnya tidak. Masukkan upah tenaga ke dalam "
                                                "biaya, walaupun Anda mengerjakannya sendiri.</p>"
                                            ),
                                            "en": (
                                                "<p>Many women do not count their own working "
                                                "time, so the business looks profitable when it "
                                                "really is not. Include labour in your costs, even "
                                                "if you do all the work yourself.</p>"
                                            ),
                                        },
                                    },
                                ),
                                (
                                    "key_points",
                                    {
                                        "title": {"id": "Poin penting", "en": "Key points"},
                                        "points": [
                                            {
                                                "id": (
                                                    "Kemasan yang rapi dan tertutup rapat menambah "
                                                    "nilai produk."
                                                ),
                                                "en": (
                                                    "Neat, tightly sealed packaging adds value to "
                                                    "a product."
                                                ),
                                            },
                                            {
                                                "id": (
                                                    "Label memuat nama, bahan, berat, produsen, "
                                                    "nomor izin, dan tanggal kedaluwarsa."
                                                ),
                                                "en": (
                                                    "A label shows the name, ingredients, weight, "
                                                    "producer, permit number and expiry date."
                                                ),
                                            },
                                            {
                                                "id": (
                                                    "Pasang logo halal dan nomor P-IRT hanya jika "
                                                    "sudah resmi dimiliki."
                                                ),
                                                "en": (
                                                    "Only print the halal logo and a P-IRT number "
                                                    "once you officially hold them."
                                                ),
                                            },
                                            {
                                                "id": (
                                                    "Harga jual adalah harga pokok (termasuk upah "
                                                    "Anda) ditambah keuntungan."
                                                ),
                                                "en": (
                                                    "Selling price is the cost price (including "
                                                    "your wages) plus profit."
                                                ),
                                            },
                                        ],
                                    },
                                ),
                                (
                                    "worksheet",
                                    {
                                        "title": {
                                            "id": "Menghitung harga jual keripik",
                                            "en": "Working out the selling price of keripik",
                                        },
                                        "description": {
                                            "id": (
                                                "Contoh perhitungan untuk satu kali produksi 40 "
                                                "bungkus keripik singkong. Ganti angkanya dengan "
                                                "biaya Anda sendiri."
                                            ),
                                            "en": (
                                                "An example calculation for one batch of 40 packs "
                                                "of cassava keripik. Replace the figures with your "
                                                "own costs."
                                            ),
                                        },
                                        "filename": "hitung-harga-jual.csv",
                                        "csv": [
                                            ["Komponen biaya", "Jumlah", "Biaya (Rp)"],
                                            ["Singkong", "10 kg", "50.000"],
                                            ["Minyak goreng", "2 liter", "36.000"],
                                            ["Bumbu dan garam", "1 paket", "15.000"],
                                            ["Gas elpiji", "1 tabung 3 kg", "22.000"],
                                            ["Kemasan dan stiker label", "40 bungkus", "40.000"],
                                            ["Upah tenaga", "1 hari", "80.000"],
                                            ["Total biaya", "40 bungkus", "243.000"],
                                            ["Harga pokok per bungkus", "243.000 : 40", "6.075"],
                                            ["Keuntungan 30 persen", "per bungkus", "1.823"],
                                            [
                                                "Harga jual per bungkus (dibulatkan)",
                                                "per bungkus",
                                                "8.000",
                                            ],
                                        ],
                                    },
                                ),
                                (
                                    "reflection",
                                    {
                                        "question": {
                                            "id": (
                                                "Berapa harga pokok satu produk Anda, dan apakah "
                                                "harga jual Anda sekarang sudah menutupnya?"
                                            ),
                                            "en": (
                                                "What is the cost price of one of your products, "
                                                "and does your current selling price cover it?"
                                            ),
                                        },
                                        "hint": {
                                            "id": (
                                                "Hitung biaya untuk satu kali produksi, lalu bagi "
                                                "dengan jumlah bungkus yang dihasilkan."
                                            ),
                                            "en": (
                                                "Add up the costs of one batch, then divide by the "
                                                "number of packs it makes."
                                            ),
                                        },
                                    },
                                ),
                            ],
                        },
                    ],
                },
            ],
        },
    ],
}
